import type { IndustryCode } from '../../domain/customers/industries.ts';
import type { InteractionChannel } from '../../domain/interactions/interaction.ts';
import { weighted } from './prng.ts';

/** Words the synthetic archive is made of; plain data, so the generator stays readable. */

/** Trade-name characters (字号) with pinyin, combined in pairs: 华信, 恒达, 鑫源 … */
export const TRADE_CHARS: readonly (readonly [string, string])[] = [
  ['华', 'hua'], ['恒', 'heng'], ['永', 'yong'], ['鑫', 'xin'], ['盛', 'sheng'], ['宏', 'hong'], ['金', 'jin'], ['天', 'tian'],
  ['瑞', 'rui'], ['新', 'xin'], ['博', 'bo'], ['卓', 'zhuo'], ['创', 'chuang'], ['汇', 'hui'], ['中', 'zhong'], ['安', 'an'],
  ['诚', 'cheng'], ['东', 'dong'], ['利', 'li'], ['嘉', 'jia'], ['精', 'jing'], ['锦', 'jin'], ['启', 'qi'], ['众', 'zhong'],
  ['德', 'de'], ['海', 'hai'], ['凯', 'kai'], ['明', 'ming'], ['立', 'li'], ['蓝', 'lan'], ['云', 'yun'], ['星', 'xing'],
  ['远', 'yuan'], ['祥', 'xiang'], ['同', 'tong'], ['鼎', 'ding'], ['泰', 'tai'], ['宝', 'bao'], ['旭', 'xu'], ['兴', 'xing'],
  ['广', 'guang'], ['润', 'run'], ['聚', 'ju'], ['协', 'xie'], ['英', 'ying'], ['弘', 'hong'], ['银', 'yin'], ['达', 'da'],
  ['思', 'si'], ['智', 'zhi'], ['易', 'yi'], ['百', 'bai'], ['合', 'he'], ['千', 'qian'], ['锐', 'rui'], ['通', 'tong'],
  ['信', 'xin'], ['源', 'yuan'], ['丰', 'feng'], ['辉', 'hui'], ['昌', 'chang'], ['隆', 'long'], ['和', 'he'], ['元', 'yuan'],
];

/** [GB/T 4754 section, weight among SME customers, trade words used in names]. */
export const INDUSTRY_WORDS: readonly (readonly [IndustryCode, number, readonly string[]])[] = [
  ['A', 2, ['农业科技', '生态农业', '农牧', '水产养殖', '果蔬种植']],
  ['B', 0.5, ['矿业', '矿产资源']],
  ['C', 22, ['机械制造', '电子科技', '精密机械', '塑胶制品', '五金制品', '服饰', '食品', '包装材料', '新材料', '汽车配件', '家具制造', '电气设备', '化工', '纺织', '医疗器械']],
  ['D', 1, ['新能源', '电力工程', '燃气', '能源科技']],
  ['E', 6, ['建筑工程', '建设工程', '装饰工程', '市政工程', '钢结构工程']],
  ['F', 25, ['商贸', '贸易', '百货', '医药', '电子商务', '进出口', '建材', '汽车销售', '五金机电', '酒业']],
  ['G', 6, ['物流', '供应链管理', '运输', '仓储服务', '国际货运代理']],
  ['H', 4, ['餐饮管理', '酒店管理', '餐饮']],
  ['I', 10, ['信息技术', '网络科技', '软件', '数据科技', '智能科技', '信息科技']],
  ['J', 1, ['投资管理', '融资租赁', '保险代理']],
  ['K', 3, ['置业', '房地产开发', '物业管理', '房地产经纪']],
  ['L', 8, ['企业管理咨询', '广告', '人力资源', '会展服务', '文化传媒', '商务咨询']],
  ['M', 5, ['检测技术', '生物科技', '环保科技', '工程设计', '技术咨询']],
  ['N', 1, ['环境工程', '园林绿化', '水务']],
  ['O', 3, ['家政服务', '汽车维修', '美容美发', '洗涤服务']],
  ['P', 2, ['教育科技', '培训', '职业技能培训']],
  ['Q', 2, ['医疗管理', '健康管理', '养老服务']],
  ['R', 2, ['文化传播', '体育发展', '影视文化']],
  ['S', 0.3, ['行业', '商业', '企业家']],
];

/** Company-form suffixes; 集团 and 股份 are rarer and bigger. */
export const pickCompanySuffix = weighted([
  ['有限公司', 70], ['有限责任公司', 8], ['股份有限公司', 8], ['集团有限公司', 3],
] as const);

/** Individual businesses (个体工商户) name themselves after a shop. */
export const SHOP_SUFFIXES = ['经营部', '商行', '店', '工作室', '门市部'] as const;

export const pickSourceIndividual = weighted([
  ['线下门店', 30], ['微信', 18], ['朋友推荐', 15], ['京东', 9], ['天猫', 9], ['抖音', 7], ['官网', 5], ['电话营销', 4], ['老客户转介绍', 3],
] as const);
export const pickSourceOrganization = weighted([
  ['展会', 18], ['阿里巴巴', 15], ['官网', 14], ['朋友推荐', 13], ['电话营销', 12], ['百度推广', 8], ['微信', 8], ['老客户转介绍', 7], ['京东', 3], ['招投标', 2],
] as const);
export const ONLINE_SOURCES: ReadonlySet<string> = new Set(['京东', '天猫', '抖音', '官网', '阿里巴巴', '百度推广']);

export const pickOccupation = weighted([
  ['企业职员', 18], ['个体经营者', 10], ['工程师', 7], ['教师', 6], ['销售', 6], ['自由职业', 5], ['公务员', 4], ['医生', 3],
  ['护士', 3], ['会计', 4], ['程序员', 4], ['设计师', 3], ['律师', 1], ['司机', 3], ['厨师', 2], ['工人', 6], ['农民', 3],
  ['企业管理人员', 5], ['退休', 5], ['学生', 2],
] as const);

export const pickContactTitle = weighted([
  ['总经理', 10], ['采购经理', 14], ['采购专员', 8], ['财务主管', 8], ['行政主管', 6], ['技术总监', 4], ['销售经理', 5],
  ['仓库主管', 3], ['董事长助理', 3], ['运营经理', 4], ['副总经理', 4], ['项目经理', 5], ['法务专员', 1],
] as const);

export const PERSONAL_MAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'outlook.com', 'gmail.com', 'aliyun.com', 'sohu.com'] as const;
export const WEB_TLDS = ['com', 'com.cn', 'cn', 'net'] as const;
export const ROLE_MAILBOXES = ['info', 'sales', 'service', 'contact', 'hr', 'admin'] as const;

export const STREETS = [
  '人民路', '中山路', '解放路', '建设路', '和平路', '新华路', '长江路', '黄河路', '文化路', '科技路', '工业大道', '滨江路',
  '世纪大道', '迎宾大道', '东风路', '胜利路', '朝阳路', '光明路', '振兴路', '创业路', '高新路', '学府路', '园区大道', '发展大道',
] as const;
export const BUILDINGS = ['国际大厦', '科技园', '商务中心', '金融中心', '创业园', '产业园', '广场', '大厦'] as const;

/** Product lines with unit price and quantity ranges (fen) and the gross margin band they usually earn. */
export type ProductLine = { name: string; unitFen: [number, number]; qtyIndividual: [number, number]; qtyOrganization: [number, number]; margin: [number, number] };
export const PRODUCT_LINES: readonly ProductLine[] = [
  { name: '办公用品', unitFen: [500, 50_000], qtyIndividual: [1, 20], qtyOrganization: [10, 500], margin: [0.15, 0.35] },
  { name: '电子产品', unitFen: [9_900, 1_500_000], qtyIndividual: [1, 2], qtyOrganization: [1, 50], margin: [0.05, 0.2] },
  { name: '家居日用', unitFen: [990, 200_000], qtyIndividual: [1, 10], qtyOrganization: [5, 300], margin: [0.2, 0.45] },
  { name: '食品饮料', unitFen: [300, 30_000], qtyIndividual: [1, 30], qtyOrganization: [20, 2_000], margin: [0.12, 0.35] },
  { name: '工业配件', unitFen: [200, 500_000], qtyIndividual: [1, 10], qtyOrganization: [10, 5_000], margin: [0.1, 0.3] },
  { name: '软件服务', unitFen: [50_000, 10_000_000], qtyIndividual: [1, 1], qtyOrganization: [1, 20], margin: [0.35, 0.6] },
  { name: '服装鞋帽', unitFen: [2_900, 99_900], qtyIndividual: [1, 5], qtyOrganization: [20, 1_000], margin: [0.3, 0.55] },
];

/** The product line an industry's buyers favour (index into PRODUCT_LINES). */
export const FAVOURITE_LINE: Partial<Record<IndustryCode, number>> = { C: 4, E: 4, D: 4, B: 4, I: 5, J: 5, M: 5, F: 3, H: 3, A: 3, L: 0, P: 0, S: 0, K: 2, O: 2, Q: 1, R: 6 };

export const pickChannel = weighted([['phone', 35], ['wechat', 30], ['visit', 12], ['email', 10], ['meeting', 8], ['other', 5]] as const satisfies readonly (readonly [InteractionChannel, number])[]);

export const SUBJECTS: Record<InteractionChannel, readonly string[]> = {
  phone: ['电话回访，了解近期采购需求', '电话跟进报价进度', '售后回访：产品使用情况', '提醒逾期款项', '确认发货时间', '节日问候', '电话沟通续约事宜', '客户来电咨询产品价格'],
  wechat: ['微信沟通新品信息', '发送产品资料和价目表', '微信确认订单细节', '客户咨询优惠活动', '微信发送电子发票', '推送会员活动'],
  visit: ['上门拜访，洽谈年度合作', '实地考察客户门店', '拜访采购负责人', '现场安装调试', '客户到店咨询', '陪同客户参观工厂'],
  email: ['发送报价单', '邮件确认合同条款', '寄送月度对账单', '发送年度合作方案', '邮件回复技术问题'],
  meeting: ['年度合作洽谈会', '季度业务复盘会', '产品演示会', '合同签约', '新品发布会邀约'],
  other: ['展会现场交流', '寄送样品', '客户投诉处理', '节日礼品寄送', '问卷调查回访'],
};

export const SUMMARIES = [
  '客户对价格较敏感，需申请额外折扣。', '已发送最新报价，等待客户反馈。', '客户计划下季度增加采购量。',
  '客户反映物流较慢，已协调仓库加急。', '客户满意，同意续签合同。', '暂无采购计划，三个月后再跟进。',
  '客户提出开具增值税专用发票。', '已约定下周上门演示。', '客户对售后响应速度表示认可。', '竞品报价更低，需评估应对方案。',
] as const;
