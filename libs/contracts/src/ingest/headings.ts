/**
 * The Chinese column headings of each flat ingest kind, field name to heading. Bureau staff
 * keep rosters in Excel under Chinese headings: an upload may name its columns either way, the
 * templates (GET /ingest/<kind>/template.xlsx) use these, and the error sheet names a bad
 * column by them. One table per kind; a spec checks every field of the kind has a heading and
 * no two headings are the same.
 */

/** Columns every household record has (HouseholdRecordDto). */
const HOUSEHOLD = {
  householdId: '户编号',
  villageCode: '村代码',
  townshipCode: '乡镇代码',
  householdCategory: '监测对象类别',
} as const;

export interface KindHeadings {
  /** the kind's name in Chinese: the template's title and file name */
  title: string;
  /** field name to Chinese heading, in the template's column order */
  columns: Record<string, string>;
}

export const ROSTER_HEADINGS: KindHeadings = {
  title: '义务教育学籍比对名单',
  columns: {
    ...HOUSEHOLD,
    personRef: '学生编号',
    birthDate: '出生日期',
    enrolledLastTerm: '上学期在籍',
    attendance: '本学期在校情况',
    schoolCode: '学校代码',
  },
};

export const DISABILITY_HEADINGS: KindHeadings = {
  title: '残疾儿童教育安置',
  columns: {
    reportId: '报告编号',
    ...HOUSEHOLD,
    personRef: '儿童编号',
    birthDate: '出生日期',
    assessedOn: '核查日期',
    placement: '安置方式',
    disabilityCategory: '残疾类别',
  },
};

export const AID_HEADINGS: KindHeadings = {
  title: '学生资助落实情况',
  columns: {
    reportId: '报告编号',
    ...HOUSEHOLD,
    personRef: '学生编号',
    term: '学期',
    aidReceived: '已获资助',
    schoolCode: '学校代码',
  },
};

export const SETTLEMENT_HEADINGS: KindHeadings = {
  title: '出院结算',
  columns: {
    settlementId: '结算单号',
    ...HOUSEHOLD,
    personRef: '患者编号',
    dischargeDate: '出院日期',
    totalCost: '医疗总费用',
    basicInsurancePaid: '基本医保支付',
    seriousIllnessInsurancePaid: '大病保险支付',
    medicalAssistancePaid: '医疗救助支付',
    otherPaid: '其他保障支付',
    householdAnnualIncome: '家庭年收入',
    seriousIllness: '大病',
  },
};

export const CHRONIC_HEADINGS: KindHeadings = {
  title: '门诊慢特病待遇',
  columns: {
    reportId: '报告编号',
    ...HOUSEHOLD,
    personRef: '患者编号',
    conditionCode: '病种代码',
    outpatientCoverage: '门诊待遇',
    diagnosedOn: '确诊日期',
  },
};

export const PREMIUM_HEADINGS: KindHeadings = {
  title: '基本医保参保缴费',
  columns: {
    reportId: '报告编号',
    ...HOUSEHOLD,
    personRef: '参保人编号',
    insuranceYear: '参保年度',
    paid: '已缴费',
  },
};

export const APPRAISAL_HEADINGS: KindHeadings = {
  title: '农房安全鉴定',
  columns: {
    appraisalId: '鉴定编号',
    ...HOUSEHOLD,
    grade: '鉴定等级',
    inhabited: '有人居住',
    appraisedOn: '鉴定日期',
    cause: '原因',
  },
};

export const DAMAGE_HEADINGS: KindHeadings = {
  title: '灾害农房损毁报告',
  columns: {
    reportId: '报告编号',
    ...HOUSEHOLD,
    disaster: '灾害类型',
    damage: '损毁程度',
    habitable: '可以居住',
    inhabited: '有人居住',
    occurredOn: '发生日期',
  },
};

/** A kind's columns both ways: field to heading, and heading (or field name) to field. */
export interface HeadingMap {
  headingOf: (field: string) => string;
  /** the field a header cell names, by its Chinese heading or its field name */
  fieldOf: (header: string) => string | undefined;
}

export function headingMap(headings: KindHeadings | undefined): HeadingMap {
  const columns = headings?.columns ?? {};
  const fields = new Map<string, string>();
  for (const [field, heading] of Object.entries(columns)) {
    fields.set(field, field);
    fields.set(heading, field);
  }
  return {
    headingOf: (field) => (Object.hasOwn(columns, field) ? columns[field] : field),
    fieldOf: (header) => fields.get(header.trim()),
  };
}
