/** The office's name from the record, and the inspectorate without its strapline. */
import {
  commissionerTitleIn,
  inspectorateName,
  officeNameFor,
} from "../../src/domain/record/office";

describe("the office and the inspectorate as the record names them", () => {
  test("the commissioner's title: the most specific the record uses anywhere", () => {
    expect(
      commissionerTitleIn(
        "Police and Crime Commissioner\tA. Person\n\nPolice, Fire and Crime Commissioner's initial response"
      )
    ).toBe("Police, Fire and Crime Commissioner");
    expect(commissionerTitleIn("Police Fire and Crime Commissioner's overall comments")).toBe(
      "Police, Fire and Crime Commissioner"
    );
    expect(commissionerTitleIn("Police and Crime Commissioner\tAlex Marlow")).toBe(
      "Police and Crime Commissioner"
    );
    expect(commissionerTitleIn("Deputy Mayor for Policing and Crime")).toBeNull();
  });

  test("the office's name from the force and the title; nothing without either", () => {
    expect(officeNameFor("Staffordshire", "Police, Fire and Crime Commissioner")).toBe(
      "Office of the Staffordshire Police, Fire and Crime Commissioner"
    );
    expect(officeNameFor("Wessex Police", "Police and Crime Commissioner")).toBe(
      "Office of the Wessex Police and Crime Commissioner"
    );
    expect(officeNameFor("Avalon  Constabulary ", "Police and Crime Commissioner")).toBe(
      "Office of the Avalon Police and Crime Commissioner"
    );
    expect(officeNameFor(null, "Police and Crime Commissioner")).toBeNull();
    expect(officeNameFor("Wessex Police", null)).toBeNull();
  });

  test("the inspectorate's name without the strapline after it; an unknown name as written", () => {
    expect(inspectorateName("HMICFRS Makina communities safer")).toBe("HMICFRS");
    expect(inspectorateName("HMICFRS – Making communities safer")).toBe("HMICFRS");
    expect(inspectorateName("HMICFRS")).toBe("HMICFRS");
    expect(inspectorateName("HM Inspectorate of Probation: protecting the public")).toBe(
      "HM Inspectorate of Probation"
    );
    // A name that merely begins like a known one is not cut.
    expect(inspectorateName("HMICFRSX review team")).toBe("HMICFRSX review team");
    expect(inspectorateName("The Wessex Audit Office")).toBe("The Wessex Audit Office");
    expect(inspectorateName(null)).toBeNull();
  });
});
