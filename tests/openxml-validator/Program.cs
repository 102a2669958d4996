// Validates Office Open XML files (.xlsx, .docx) with Microsoft's own OpenXmlValidator and prints
// one JSON object for all of them:
//   { "fileFormat": "Microsoft365", "files": [ { "file", "errors": [ { id, type, description,
//     part, path, node } ], "openError"? } ] }
// Usage: dotnet OpenXmlValidate.dll FILE...   Exit code 0 when every file has no error, 1 when
// any has, 2 on bad usage. Test tooling only (tests/validator.test.ts).
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

if (args.Length == 0)
{
    Console.Error.WriteLine("Usage: OpenXmlValidate FILE.xlsx|FILE.docx ...");
    return 2;
}

var validator = new OpenXmlValidator(FileFormatVersions.Microsoft365);
var files = new JsonArray();
var any = false;
foreach (var file in args)
{
    var entry = new JsonObject { ["file"] = file };
    var errors = new JsonArray();
    try
    {
        using OpenXmlPackage doc = Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".docx" => WordprocessingDocument.Open(file, false),
            _ => SpreadsheetDocument.Open(file, false),
        };
        foreach (var e in validator.Validate(doc))
        {
            errors.Add(new JsonObject
            {
                ["id"] = e.Id,
                ["type"] = e.ErrorType.ToString(),
                ["description"] = e.Description,
                ["part"] = e.Part?.Uri.ToString(),
                ["path"] = e.Path?.XPath,
                ["node"] = e.Node?.LocalName,
            });
        }
    }
    catch (Exception ex)
    {
        entry["openError"] = $"{ex.GetType().Name}: {ex.Message}";
        any = true;
    }
    if (errors.Count > 0) any = true;
    entry["errors"] = errors;
    files.Add(entry);
}
var result = new JsonObject { ["fileFormat"] = "Microsoft365", ["files"] = files };
Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
return any ? 1 : 0;
