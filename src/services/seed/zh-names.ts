import { chance, pick, weighted, type Rng } from './prng.ts';

/*
 * Chinese personal names for synthetic customers. Each entry carries its pinyin so e-mail addresses
 * spell the name the way its owner would, including surnames read differently from the common
 * character (单 Shàn, 解 Xiè, 仇 Qiú, 区 Ōu, 朴 Piáo, 查 Zhā, 曾 Zēng).
 */

/** [surname, pinyin, weight ≈ people per 10,000], after the national household-registration ranking. */
const SURNAMES: readonly (readonly [string, string, number])[] = [
  ['王', 'wang', 712], ['李', 'li', 700], ['张', 'zhang', 640], ['刘', 'liu', 530], ['陈', 'chen', 450],
  ['杨', 'yang', 310], ['黄', 'huang', 220], ['赵', 'zhao', 200], ['吴', 'wu', 190], ['周', 'zhou', 190],
  ['徐', 'xu', 130], ['孙', 'sun', 120], ['马', 'ma', 120], ['朱', 'zhu', 120], ['胡', 'hu', 110],
  ['郭', 'guo', 110], ['何', 'he', 96], ['林', 'lin', 89], ['高', 'gao', 87], ['罗', 'luo', 86],
  ['郑', 'zheng', 83], ['梁', 'liang', 75], ['谢', 'xie', 63], ['宋', 'song', 61], ['唐', 'tang', 58],
  ['许', 'xu', 55], ['韩', 'han', 52], ['冯', 'feng', 51], ['邓', 'deng', 50], ['曹', 'cao', 49],
  ['彭', 'peng', 48], ['曾', 'zeng', 47], ['肖', 'xiao', 45], ['田', 'tian', 44], ['董', 'dong', 43],
  ['袁', 'yuan', 42], ['潘', 'pan', 41], ['于', 'yu', 40], ['蒋', 'jiang', 39], ['蔡', 'cai', 38],
  ['余', 'yu', 37], ['杜', 'du', 36], ['叶', 'ye', 35], ['程', 'cheng', 34], ['苏', 'su', 33],
  ['魏', 'wei', 32], ['吕', 'lv', 31], ['丁', 'ding', 30], ['任', 'ren', 29], ['沈', 'shen', 28],
  ['姚', 'yao', 27], ['卢', 'lu', 27], ['姜', 'jiang', 26], ['崔', 'cui', 25], ['钟', 'zhong', 25],
  ['谭', 'tan', 24], ['陆', 'lu', 23], ['汪', 'wang', 23], ['范', 'fan', 22], ['金', 'jin', 22],
  ['石', 'shi', 21], ['廖', 'liao', 21], ['贾', 'jia', 20], ['夏', 'xia', 20], ['韦', 'wei', 19],
  ['付', 'fu', 19], ['方', 'fang', 18], ['白', 'bai', 18], ['邹', 'zou', 18], ['孟', 'meng', 17],
  ['熊', 'xiong', 17], ['秦', 'qin', 16], ['邱', 'qiu', 16], ['江', 'jiang', 16], ['尹', 'yin', 15],
  ['薛', 'xue', 15], ['闫', 'yan', 15], ['段', 'duan', 14], ['雷', 'lei', 14], ['侯', 'hou', 14],
  ['龙', 'long', 13], ['史', 'shi', 13], ['陶', 'tao', 12], ['黎', 'li', 12], ['贺', 'he', 12],
  ['顾', 'gu', 12], ['毛', 'mao', 11], ['郝', 'hao', 11], ['龚', 'gong', 11], ['邵', 'shao', 11],
  ['万', 'wan', 10], ['钱', 'qian', 10], ['严', 'yan', 10], ['覃', 'qin', 10], ['武', 'wu', 10],
  ['戴', 'dai', 10], ['莫', 'mo', 9], ['孔', 'kong', 9], ['向', 'xiang', 9], ['汤', 'tang', 9],
  ['常', 'chang', 8], ['温', 'wen', 8], ['康', 'kang', 8], ['施', 'shi', 8], ['文', 'wen', 8],
  ['牛', 'niu', 7], ['樊', 'fan', 7], ['葛', 'ge', 7], ['邢', 'xing', 7], ['安', 'an', 6],
  ['齐', 'qi', 6], ['易', 'yi', 6], ['乔', 'qiao', 6], ['伍', 'wu', 6], ['庞', 'pang', 6],
  ['颜', 'yan', 5], ['倪', 'ni', 5], ['庄', 'zhuang', 5], ['聂', 'nie', 5], ['章', 'zhang', 5],
  // surnames whose reading differs from the character's common one
  ['单', 'shan', 3], ['解', 'xie', 2], ['仇', 'qiu', 1.5], ['区', 'ou', 1.5], ['朴', 'piao', 2], ['查', 'zha', 1.5],
  // compound surnames
  ['欧阳', 'ouyang', 3], ['司马', 'sima', 0.6], ['诸葛', 'zhuge', 0.4], ['上官', 'shangguan', 0.4], ['司徒', 'situ', 0.6],
  ['东方', 'dongfang', 0.2], ['皇甫', 'huangfu', 0.2], ['令狐', 'linghu', 0.1], ['慕容', 'murong', 0.1],
];

type Char = readonly [string, string];

const MALE: readonly Char[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'], ['斌', 'bin'],
  ['超', 'chao'], ['明', 'ming'], ['刚', 'gang'], ['平', 'ping'], ['辉', 'hui'], ['鹏', 'peng'], ['华', 'hua'], ['飞', 'fei'],
  ['鑫', 'xin'], ['波', 'bo'], ['宇', 'yu'], ['浩', 'hao'], ['凯', 'kai'], ['健', 'jian'], ['俊', 'jun'], ['帆', 'fan'],
  ['旭', 'xu'], ['龙', 'long'], ['阳', 'yang'], ['建', 'jian'], ['国', 'guo'], ['志', 'zhi'], ['海', 'hai'], ['东', 'dong'],
  ['峰', 'feng'], ['亮', 'liang'], ['成', 'cheng'], ['博', 'bo'], ['轩', 'xuan'], ['睿', 'rui'], ['泽', 'ze'], ['昊', 'hao'],
  ['然', 'ran'], ['天', 'tian'], ['振', 'zhen'], ['立', 'li'], ['德', 'de'], ['永', 'yong'], ['金', 'jin'], ['彬', 'bin'],
  ['毅', 'yi'], ['晨', 'chen'], ['航', 'hang'], ['铭', 'ming'], ['锋', 'feng'], ['荣', 'rong'], ['胜', 'sheng'], ['家', 'jia'],
];

const FEMALE: readonly Char[] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'], ['霞', 'xia'],
  ['秀', 'xiu'], ['英', 'ying'], ['玲', 'ling'], ['婷', 'ting'], ['雪', 'xue'], ['慧', 'hui'], ['燕', 'yan'], ['琳', 'lin'],
  ['丹', 'dan'], ['洁', 'jie'], ['倩', 'qian'], ['颖', 'ying'], ['红', 'hong'], ['梅', 'mei'], ['萍', 'ping'], ['欣', 'xin'],
  ['怡', 'yi'], ['悦', 'yue'], ['晴', 'qing'], ['琪', 'qi'], ['蕾', 'lei'], ['薇', 'wei'], ['璐', 'lu'], ['诗', 'shi'],
  ['梦', 'meng'], ['涵', 'han'], ['萱', 'xuan'], ['妍', 'yan'], ['瑶', 'yao'], ['月', 'yue'], ['兰', 'lan'], ['凤', 'feng'],
  ['桂', 'gui'], ['玉', 'yu'], ['莉', 'li'], ['珊', 'shan'], ['佩', 'pei'], ['岚', 'lan'], ['婉', 'wan'], ['蓉', 'rong'],
];

const NEUTRAL: readonly Char[] = [
  ['文', 'wen'], ['晓', 'xiao'], ['嘉', 'jia'], ['子', 'zi'], ['佳', 'jia'], ['思', 'si'], ['一', 'yi'], ['雨', 'yu'],
  ['春', 'chun'], ['秋', 'qiu'], ['宁', 'ning'], ['安', 'an'], ['新', 'xin'], ['心', 'xin'], ['若', 'ruo'], ['可', 'ke'],
  ['梓', 'zi'], ['欣', 'xin'], ['沐', 'mu'], ['清', 'qing'], ['小', 'xiao'], ['语', 'yu'], ['诗', 'shi'], ['书', 'shu'],
];

const pickSurname = weighted(SURNAMES.map(([s, p, w]) => [[s, p] as Char, w] as const));

export type PersonName = { name: string; surname: string; surnamePinyin: string; givenPinyin: string };

/** A name for the gender; about 70% two-character given names, a few doubled (婷婷, 丹丹). */
export function makePersonName(r: Rng, gender: 'male' | 'female' | null): PersonName {
  const [surname, surnamePinyin] = pickSurname(r);
  const own = gender === 'female' ? FEMALE : gender === 'male' ? MALE : chance(r, 0.5) ? MALE : FEMALE;
  const one = (): Char => (chance(r, 0.25) ? pick(r, NEUTRAL) : pick(r, own));
  const first = one();
  let given: Char[];
  if (gender === 'female' && chance(r, 0.04)) given = [first, first];
  else if (chance(r, 0.7)) given = [first, one()];
  else given = [first];
  return {
    name: surname + given.map(([c]) => c).join(''),
    surname,
    surnamePinyin,
    givenPinyin: given.map(([, p]) => p).join(''),
  };
}

/** Surnames the generator uses; tests check the unusual readings turn up. */
export const surnameList = SURNAMES.map(([s]) => s);
