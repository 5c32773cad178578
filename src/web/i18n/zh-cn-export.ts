/** Simplified Chinese UI strings of the customer export; merged into zh-cn.ts. */
export const zhCNExport = {
  'export.button': '导出',
  'export.title': '导出客户',
  'export.scope': '按当前筛选条件导出 {count} 位客户（含所有页）。导出会记入审计日志。',
  'export.columns': '导出列',
  'export.selectAll': '全选',
  'export.defaults': '恢复默认',
  'export.masked': '掩码',
  'export.format': '文件格式',
  'export.encoding': '编码',
  'export.utf8': 'UTF-8（Excel / WPS 均可打开）',
  'export.gbk': 'GBK（旧版 Excel）',
  'export.start': '开始导出',
  'export.started': '已开始下载，大量数据需要一些时间',
  'export.noColumns': '请至少选择一列',
};
