/**
 * Passwords people pick first, lower-cased: the usual top lists plus Chinese favourites (pinyin,
 * 520/1314 "I love you (for ever)", QQ numbers). Only those that pass the length and letter/digit rule
 * matter; shorter ones are listed so the set reads as the list it is.
 */
const commonPasswords = new Set([
  '123456', '123456789', '12345678', 'password', 'qwerty', '111111', '123123', 'abc123', 'iloveyou', '5201314',
  'a123456789', 'qq123456789', 'woaini1314', 'woaini520', 'woaini5201314', 'woaini123456', 'woaini1314520', 'wo5201314',
  'abc123456789', 'abcd123456', 'abcd1234567', 'abcd12345678', 'abc1234567', 'abc12345678', 'abc123abc123',
  '1234567890a', 'a1234567890', '123456789a', '123456789q', 'q123456789', 'q1234567890', '1234567890q', 'a12345678910',
  'aa123456789', 'aaa123456789', 'aa12345678', 'qq1234567890', 'qq123456789a', 'qwerty12345', 'qwerty123456',
  'qwerty1234', 'qwe1234567', 'qwe123456789', 'qweasdzxc123', '123qweasdzxc', 'qweasd123456', 'qazwsx123456',
  '1qaz2wsx3edc', '1qazxsw23edc', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'zxcvbnm123',
  'zxc123456789', 'zxcv123456', 'zxcvbnm1234', 'asdfghjkl1', 'asd123456789', 'asdf123456', 'asdf1234567', 'qwertyuiop1',
  'password123', 'password1234', 'password01', 'password12', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123',
  'admin12345', 'admin123456', 'admin1234567', 'administrator1', 'root123456', 'test123456', 'test1234567',
  'iloveyou123', 'iloveyou1314', 'welcome123', 'welcome1234', 'letmein123', 'monkey12345', 'dragon12345',
  'football123', 'baseball123', 'sunshine123', 'princess123', 'superman123', 'starwars123', 'master12345',
  'shadow12345', 'michael123', 'changeme123', 'wang123456', 'wang1234567', 'zhang123456', 'li123456789', 'liu123456789',
  'chen123456', 'yang123456', 'zhao123456', 'huang123456', 'wangyang123', 'zhangwei123', 'xiaoming123', 'baidu123456',
  'taobao123456', 'qq1314520a', 'aini1314520', '1314520abc', 'abc5201314', 'a5201314520', 'kedang123456', 'kedang12345',
]);

export const isCommonPassword = (password: string) => commonPasswords.has(password.toLowerCase());

/**
 * The password is the user name, or has it inside (names of three or more characters; two-letter names
 * such as "li" would refuse half the dictionary). Case does not matter.
 */
export function containsUsername(password: string, username: string): boolean {
  const p = password.toLowerCase();
  const u = username.trim().toLowerCase();
  if (!u) return false;
  return p === u || (u.length >= 3 && p.includes(u));
}
