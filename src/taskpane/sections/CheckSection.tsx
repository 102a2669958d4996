/**
 * Check section: placeholder until its issue lands.
 */
import { Text } from "@fluentui/react-components";

export function CheckSection() {
  return <Text>Coming soon.</Text>;
}
