/**
 * Summary section: placeholder until its issue lands.
 */
import { Text } from "@fluentui/react-components";

export function SummarySection() {
  return <Text>Coming soon.</Text>;
}
