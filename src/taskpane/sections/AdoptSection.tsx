/**
 * Adopt section: placeholder until its issue lands.
 */
import { Text } from "@fluentui/react-components";

export function AdoptSection() {
  return <Text>Coming soon.</Text>;
}
