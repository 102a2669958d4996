#!/usr/bin/env node
/**
 * Writes examples/wessex-peel-2022.docx: a fictional response record as a Word document, with
 * labels on their own lines and values below, "Recommendation N:" paragraphs and a real Word
 * numbered list for the areas for improvement. Run: node examples/make-docx.js
 * (jszip comes with mammoth; the output is committed so nothing needs running to use it.)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const JSZip = require("jszip");

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const run = (text, bold) =>
  `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
const para = (text, opts = {}) =>
  `<w:p>${opts.numbered ? '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' : ""}${run(text, opts.bold)}</w:p>`;
const label = (text) => para(text, { bold: true });

const body = [
  para("Inspection response record", { bold: true }),
  para(""),
  label("Force"),
  para("Wessex Police"),
  label("Police and Crime Commissioner"),
  para("Alex Marlow"),
  label("Chief Constable"),
  para("Priya Hamlin"),
  label("Title of inspection"),
  para("PEEL 2021/22: An inspection of Wessex Police"),
  label("Published Date"),
  para("03/02/2022"),
  label("Inspectorate"),
  para("HMICFRS"),
  label("Summary of inspection"),
  para(
    "We found that Wessex Police is adequate at most areas of policing and good at treating the public fairly. It needs to improve how it supports its workforce and how it plans for future demand."
  ),
  label("Grade"),
  para("Adequate"),
  label("Recommendations"),
  para(
    "Recommendation 1: Within three months, the force should make sure that it has enough trained staff to meet demand in its control room."
  ),
  para(
    "Recommendation 2: Within six months, the force should introduce a workforce plan that sets out how it will fill vacancies in specialist roles."
  ),
  label("Areas for improvement"),
  para("The force should improve how it understands the wellbeing needs of its workforce.", {
    numbered: true,
  }),
  para(
    "The force should make sure that its use of stop and search is recorded accurately and reviewed by supervisors.",
    { numbered: true }
  ),
  para(
    "The force should improve its understanding of future demand, including demand from partner agencies.",
    { numbered: true }
  ),
  para("The force should improve how it shares learning from complaints and misconduct cases.", {
    numbered: true,
  }),
  para(
    "The force should make sure that neighbourhood officers are not routinely taken away from their duties.",
    { numbered: true }
  ),
  para("The force should improve how it evaluates its crime prevention work.", { numbered: true }),
  para(""),
  label("Police and Crime Commissioner's initial response"),
  para("The Commissioner welcomes the report and will seek assurance in these areas:"),
  para("1. Workforce capability:", { bold: true }),
  para(
    "The Commissioner expects the force to fill control room vacancies and to report monthly on call answering."
  ),
  para("2. Workforce wellbeing:", { bold: true }),
  para("The Commissioner asks for the wellbeing survey results each year."),
  para("3. Governance and planning:", { bold: true }),
  para("The Commissioner will scrutinise the force management statement at the performance board."),
  label("Chief Constable's response"),
  para(
    "Wessex Police accepts the findings. A control room recruitment campaign began in January 2022."
  ),
  label("Police and Crime Commissioner's overall comments"),
  para(
    "The Commissioner is satisfied with the force's plans and will review progress each quarter."
  ),
].join("");

const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;

const numberingXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`;

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>`;

const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>`;

async function main() {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2025, 0, 1));
  const add = (name, text) => zip.file(name, text, { date });
  add("[Content_Types].xml", contentTypes);
  add("_rels/.rels", rels);
  add("word/document.xml", documentXml);
  add("word/_rels/document.xml.rels", documentRels);
  add("word/numbering.xml", numberingXml);
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const out = path.join(__dirname, "wessex-peel-2022.docx");
  fs.writeFileSync(out, bytes);
  process.stdout.write(`wrote ${out} (${bytes.length} bytes)\n`);
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exitCode = 1;
});
