/**
 * A minimal zip reader/writer for test fixtures: read an .xlsx package into a name -> bytes map,
 * change parts, write it back. Stored and deflated entries only; no zip64, no encryption.
 */
import { readZip, writeZip } from "../../src/hosts/xlsx/zip";

/** Add a custom document properties part (where Office keeps sensitivity labels). */
export function withCustomProperties(xlsx: Buffer, properties: Record<string, string>): Buffer {
  const pkg = readZip(xlsx);
  const types = pkg.get("[Content_Types].xml")!.toString("utf8");
  pkg.set(
    "[Content_Types].xml",
    Buffer.from(
      types.replace(
        "</Types>",
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'
      )
    )
  );
  const rels = pkg.get("_rels/.rels")!.toString("utf8");
  pkg.set(
    "_rels/.rels",
    Buffer.from(
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'
      )
    )
  );
  const props = Object.entries(properties)
    .map(
      ([k, v], i) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${k}"><vt:lpwstr>${v}</vt:lpwstr></property>`
    )
    .join("");
  pkg.set(
    "docProps/custom.xml",
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
        props +
        "</Properties>"
    )
  );
  return writeZip(pkg);
}

/** Add (or replace) one part of a package, as is. */
export function withPart(xlsx: Buffer, name: string, data: string): Buffer {
  const pkg = readZip(xlsx);
  pkg.set(name, Buffer.from(data, "utf8"));
  return writeZip(pkg);
}
