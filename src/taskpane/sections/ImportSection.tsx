/**
 * Import section: placeholder until its issue lands.
 */
import { Text } from "@fluentui/react-components";

export function ImportSection() {
  return <Text>Coming soon.</Text>;
}
