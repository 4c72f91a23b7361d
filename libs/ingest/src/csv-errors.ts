/** The file cannot be read as CSV; the message names the line where it can. */
export class CsvError extends Error {}

/** The file is neither UTF-8 nor GB18030 text (another code page, or not text at all). */
export class CsvEncodingError extends CsvError {}
