// Reads the .docx file named on the command line with mammoth and prints
// its HTML and mammoth's messages (unrecognised styles, problems) as JSON,
// for internal/proposal's tests.
import mammoth from "mammoth";

const result = await mammoth.convertToHtml({ path: process.argv[2] });
process.stdout.write(JSON.stringify({ html: result.value, messages: result.messages }));
