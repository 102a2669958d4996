// Stub for office-addin-manifest under Jest: office-addin-mock imports it only for host names.
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
  parseOfficeApp: (s) => String(s).toLowerCase(),
  toOfficeApp: (s) => String(s).toLowerCase(),
  getOfficeAppName: (s) => String(s),
};
