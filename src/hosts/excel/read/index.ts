/**
 * session.read(): the read strategy for this client. At once through null objects (one sync),
 * or, once a client has refused a load through a null object, careful reads from then on.
 */
import type { ReadRequest, WorkbookSnapshot } from "../../../workbook/host";
import { CHAIN_ERRORS, officeErrorCode } from "../errors";
import type { RunState } from "../state";
import { readAtOnce } from "./at-once";
import { readCareful } from "./careful";

export async function readWorkbook(s: RunState, request: ReadRequest): Promise<WorkbookSnapshot> {
  if (!s.memory.carefulReads) {
    try {
      return await readAtOnce(s, request);
    } catch (e) {
      // Loading through a null object (a table, column or sheet that is absent) is expected to
      // give null objects; should a client refuse it, read in small steps from then on.
      if (!CHAIN_ERRORS.has(officeErrorCode(e) ?? "")) throw e;
      s.memory.carefulReads = true;
    }
  }
  return readCareful(s, request);
}
