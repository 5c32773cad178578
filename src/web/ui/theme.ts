import type { ThemeConfig } from 'antd';

/** A calm business look: one blue, soft radii, slightly denser tables. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorInfo: '#1d4ed8',
    colorLink: '#1d4ed8',
    borderRadius: 8,
    colorBgLayout: '#f4f6fa',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { itemBorderRadius: 8, itemMarginInline: 8, itemSelectedBg: '#eef3ff' },
    Table: { headerBg: '#f8fafc', rowHoverBg: '#f5f8ff' },
    Card: { headerFontSize: 15 },
  },
};
