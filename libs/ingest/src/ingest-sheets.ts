import { headingMap, type IngestKindContract, type IngestReply } from '@sanbao/contracts';
import { getMetadataStorage } from 'class-validator';
import { Workbook } from 'exceljs';

/**
 * The spreadsheets a bureau works with: the template of a kind (Chinese headings, the field
 * names on a second sheet) and the sheet of rejected rows an upload answers with (row,
 * column, reason in Chinese, and the English message for the bureau's IT staff).
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The kind's fields in the template's order: the heading table's, then any it misses. */
function templateFields(contract: IngestKindContract): string[] {
  const listed = Object.keys(contract.headings?.columns ?? {});
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    contract.record,
    '',
    true,
    false,
  );
  const all = [...new Set(metadata.map((m) => m.propertyName))];
  return [...listed.filter((f) => all.includes(f)), ...all.filter((f) => !listed.includes(f))];
}

const titleOf = (contract: IngestKindContract) => contract.headings?.title ?? contract.title;

/** The file name a template or error sheet is offered under (ASCII and UTF-8 forms). */
export function attachment(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function templateWorkbook(contract: IngestKindContract): Promise<Buffer> {
  const names = headingMap(contract.headings);
  const fields = templateFields(contract);
  const book = new Workbook();
  const sheet = book.addWorksheet(titleOf(contract).slice(0, 31));
  sheet.columns = fields.map((field) => ({
    header: names.headingOf(field),
    key: field,
    width: Math.max(12, names.headingOf(field).length * 2 + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = book.addWorksheet('字段说明 fields');
  notes.columns = [
    { header: '列名', key: 'heading', width: 20 },
    { header: 'field', key: 'field', width: 30 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const field of fields) notes.addRow({ heading: names.headingOf(field), field });
  notes.addRow({});
  notes.addRow({ heading: '只读取第一个工作表；列名用中文或英文字段名均可。' });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The template as CSV: UTF-8 with a BOM, so Excel opens the Chinese headings as such. */
export function templateCsv(contract: IngestKindContract): Buffer {
  const names = headingMap(contract.headings);
  const line = templateFields(contract).map(names.headingOf).join(',');
  return Buffer.from(`\uFEFF${line}\r\n`, 'utf8');
}

/** An English validation message in Chinese; unknown ones keep the English after a prefix. */
const REASONS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/must be one of: (.*)$/, (m) => `须为以下之一：${m[1]}`],
  [/must be a date as YYYY-MM-DD/, () => '须为日期，写作 YYYY-MM-DD（如 2026-09-01）'],
  [/is not a real date/, () => '不是真实存在的日期'],
  [/must be true or false/, () => '须为 是/否（true/false、1/0）'],
  [/must be a 12-digit village division code/, () => '须为 12 位村级区划代码'],
  [/must be a 9-digit township division code/, () => '须为 9 位乡镇区划代码'],
  [/must be the township of/, () => '须为所填村所属的乡镇（村代码的前 9 位）'],
  [/not an ID-card or phone number/, () => '须为登记编号或匿名编号，不得填写身份证号或电话号码'],
  [/must be like 2026-autumn or 2027-spring/, () => '须为学期，如 2026-autumn、2027-spring'],
  [/must be an amount in yuan/, () => '须为金额（元），最多两位小数'],
  [/must not be less than (.*)$/, (m) => `不得小于 ${m[1]}`],
  [/must not be more than (.*)$/, (m) => `不得大于 ${m[1]}`],
  [/must be 8-100 letters, digits/, () => '须为 8 至 100 位字母、数字或 . _ : -'],
  [/must be letters, digits and/, () => '须为字母、数字或 _ . : - /（以字母或数字开头）'],
  [/must be a JSON object/, () => '不是一条记录'],
];

export function reasonInChinese(message: string): string {
  for (const [pattern, say] of REASONS) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return `不符合要求：${message}`;
}

/** The rejected rows of an upload as a workbook: one line per problem, and the counts. */
export async function errorWorkbook(
  contract: IngestKindContract,
  reply: IngestReply,
): Promise<Buffer> {
  const names = headingMap(contract.headings);
  const book = new Workbook();
  const sheet = book.addWorksheet('错误 errors');
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 18 },
    { header: '原因', key: 'reason', width: 60 },
    { header: 'field', key: 'field', width: 24 },
    { header: 'message', key: 'message', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const rejected of reply.rejected) {
    for (const error of rejected.errors) {
      for (const message of error.messages) {
        sheet.addRow({
          row: rejected.line ?? rejected.index + 1,
          column: error.field ? names.headingOf(error.field) : '',
          reason: reasonInChinese(message),
          field: error.field,
          message,
        });
      }
    }
  }
  const summary = book.addWorksheet('汇总 summary');
  summary.columns = [
    { header: '项目', key: 'item', width: 20 },
    { header: '数量', key: 'n', width: 10 },
  ];
  summary.getRow(1).font = { bold: true };
  summary.addRows([
    { item: '收到行数 received', n: reply.received },
    { item: '接收行数 accepted', n: reply.accepted },
    { item: '退回行数 rejected', n: reply.rejected.length },
    { item: '新风险信号 signals raised', n: reply.signalsRaised },
    { item: '已有信号 already raised', n: reply.duplicateSignals },
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
