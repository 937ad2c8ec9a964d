// A shelter's facts in the words of a page's language, for the shelter components both language routes render.
// Shelter names and addresses stay in Chinese on English pages: that is what drivers, map apps and signs use.
import { SHELTER_HAZARDS_EN } from '#api/domain/english.ts';
import { areaName } from '#api/domain/areas.ts';
import { SHELTER_HAZARDS, type ShelterHazard } from '#api/domain/shelter-hazards.ts';
import type { Shelter } from '../schemas/shelter.ts';
import { formatDistance } from './nearest.ts';
import { CLASS_EN, KIND_EN, OPEN_EN, districtEn, formatDistanceEn, notForReasonEn } from './shelters-en.ts';
import { CLASS_INFO, OPEN_INFO, shelterUrl, type ShelterClass } from './shelters.ts';
import type { Lang } from './ui-strings.ts';

const zh = {
  /** A shelter's page on this language's route. */
  url: shelterUrl,
  /** `lang` of Chinese text (names, addresses) inside the page: none on a Chinese page. */
  chinese: undefined as 'zh-CN' | undefined,
  district: areaName,
  list: (items: string[]) => items.join('、'),
  hazard: (h: ShelterHazard): string => SHELTER_HAZARDS[h].label,
  classLabel: (c: ShelterClass) => CLASS_INFO[c].label,
  classNote: (c: ShelterClass) => `${CLASS_INFO[c].facilities}，${CLASS_INFO[c].stay}`,
  open: (o: Shelter['open']) => OPEN_INFO[o],
  kindShort: { 场地型: '场地型（室外）', 场所型: '场所型（室内）' } as Record<Shelter['kind'], string>,
  kindLong: {
    场地型: '场地型：室外空地（公园、广场或运动场），遮风挡雨要靠帐篷',
    场所型: '场所型：室内场馆，可以遮风挡雨',
  } as Record<Shelter['kind'], string>,
  /** The shelter card in the list (ShelterCard). */
  card: {
    address: '地址：',
    room: (s: Shelter) => `可容纳约 ${s.capacity.toLocaleString('zh-CN')} 人 · ${s.barrierFree ? '有无障碍设施' : '无障碍设施：未登记'}`,
    hazards: '适用：',
    notFor: '不要用于：',
    /** The neighbourhoods it serves, by their Chinese names (none on English pages). */
    serves: (s: Shelter): string | null => `服务范围：${s.serves.join('、')}`,
  },
  /** The key facts of a shelter's page (ShelterFacts). */
  facts: {
    title: '要点',
    /** Width of the terms' column. */
    termWidth: '4.5em',
    terms: {
      address: '地址',
      for: '适用',
      notFor: '不要用于',
      class: '类别',
      open: '开放',
      kind: '场地',
      capacity: '容纳',
      access: '无障碍',
      manager: '管理',
    },
    /** Between a hazard and the reason the shelter is not for it, and after the reason. */
    reason: ['：', '。'] as readonly [string, string],
    /** When it is open: the bold part, then the rest. */
    open: (o: Shelter['open']): [string, string] => [OPEN_INFO[o].label, `。${OPEN_INFO[o].detail}`],
    capacity: (s: Shelter) => `约 ${s.capacity.toLocaleString('zh-CN')} 人（有效面积 ${s.effectiveArea.toLocaleString('zh-CN')} 平方米）`,
    access: (barrierFree: boolean): string => (barrierFree ? '有无障碍设施' : '没有登记无障碍设施'),
    /** Between the manager and the phone number, and after it. */
    phone: ['，电话 ', ''] as readonly [string, string],
  },
  /** Route links (NavLinks): the button of each map app, and the note under them. */
  routes: {
    amap: '用高德地图导航',
    baidu: '用百度地图导航',
    apple: '用苹果地图导航',
    note: '点按后会打开手机上的地图应用（或地图网页），从你现在的位置规划步行路线。离开本站后，路线由地图应用提供。',
  },
  /** What to take (BringList). */
  bring: {
    first: ['先走，再拿东西。', '接到避难通知或情况危险时，不要为收拾东西耽误撤离。'] as readonly [string, string],
    items: [
      '身份证、户口本等证件（或复印件），少量现金',
      '手机、充电宝和充电线',
      '常用药和病历或药单；有慢性病的带够一周的药',
      '饮用水和不易变质的食物，至少一天的量',
    ],
    outdoors: '这里是室外场地：带雨衣或雨伞、防潮垫、薄被，夏天带防晒用品',
    indoors: '这里是室内场馆：带一条薄被或毯子、一双方便穿脱的鞋',
    more: ['手电筒、口哨', '婴幼儿的奶粉、尿不湿；老人的眼镜、助听器、助行器'],
    shortStay: '这里按短期安置设计（10 天以内），设施较基本',
    noStores: '这里没有登记物资储备',
    threeDays: '，请尽量带够 3 天的饮用水、食物和药品。',
    register: '到达后向现场工作人员登记姓名和联系电话，方便家人找到你。',
    /** The household checklist (a Chinese page only). */
    checklist: ['平时可以按', '家庭应急物资储备清单', '准备一个应急包，需要时拿起就走。'] as readonly string[] | null,
  },
  /** The shelters nearest to this one (NearbyShelters). */
  nearby: {
    title: '附近的其他避难场所',
    /** After the shelter's name: its class and straight-line distance. */
    after: (cls: ShelterClass, km: number) => `：${CLASS_INFO[cls].label}，相距约 ${formatDistance(km)}（直线距离）`,
  },
  /** The list of all shelters by district (ShelterDistricts). */
  districts: {
    nav: '按区县查看',
    link: (name: string, n: number) => `${name}（${n}）`,
    heading: (name: string, n: number) => `${name}（${n} 个）`,
  },
};

const en: typeof zh = {
  url: (id) => `/en/shelters/${id}/`,
  chinese: 'zh-CN',
  district: districtEn,
  list: (items) => items.join(', '),
  hazard: (h) => SHELTER_HAZARDS_EN[h].label,
  classLabel: (c) => CLASS_EN[c].label,
  classNote: (c) => CLASS_EN[c].note,
  open: (o) => OPEN_EN[o],
  kindShort: { 场地型: 'Outdoor', 场所型: 'Indoor' },
  kindLong: KIND_EN,
  card: {
    address: 'Address: ',
    room: (s) =>
      `Room for about ${s.capacity.toLocaleString('en')} people · ${s.barrierFree ? 'step-free access' : 'step-free access not recorded'}`,
    hazards: 'For: ',
    notFor: 'Not for: ',
    serves: () => null,
  },
  facts: {
    title: 'Key facts',
    termWidth: '6.5em',
    terms: {
      address: 'Address',
      for: 'For',
      notFor: 'Not for',
      class: 'Class',
      open: 'Open',
      kind: 'Type',
      capacity: 'Capacity',
      access: 'Access',
      manager: 'Managed by',
    },
    reason: [': ', '.'],
    open: (o) => [`${OPEN_EN[o].label}.`, ` ${OPEN_EN[o].detail}`],
    capacity: (s) => `About ${s.capacity.toLocaleString('en')} people (usable area ${s.effectiveArea.toLocaleString('en')} m²)`,
    access: (barrierFree) => (barrierFree ? 'Step-free access' : 'No step-free access recorded'),
    phone: [', phone ', ' (in Chinese)'],
  },
  routes: {
    amap: 'Directions in Amap',
    baidu: 'Directions in Baidu Maps',
    apple: 'Directions in Apple Maps',
    note: 'Each link opens the map app (or its website) with a walking route from where you are. Amap and Baidu Maps are in Chinese.',
  },
  bring: {
    first: ['Leave first, pack second.', 'When you are told to take shelter, or the danger is close, do not lose time packing.'],
    items: [
      'Passport or ID and residence permit (or copies), some cash',
      'Phone, power bank and charging cable',
      "Medicines you take and a list of them; a week's supply if you have a long-term condition",
      'Drinking water and food that keeps, for at least a day',
    ],
    outdoors: 'This is open ground: a raincoat or umbrella, a ground mat, a light blanket, and sun protection in summer',
    indoors: 'This is an indoor venue: a light blanket and shoes that are easy to take off',
    more: ['A torch and a whistle', 'Baby formula and nappies; glasses, hearing aids and walking aids for older people'],
    shortStay: 'This shelter is designed for short stays (up to 10 days) and has basic facilities',
    noStores: 'No supplies store is recorded here',
    threeDays: ': bring water, food and medicines for 3 days if you can.',
    register: 'When you arrive, give your name and phone number to the staff so that your family can find you.',
    checklist: null,
  },
  nearby: {
    title: 'Other shelters nearby',
    after: (cls, km) => `: ${CLASS_EN[cls].label}, about ${formatDistanceEn(km)} away in a straight line`,
  },
  districts: {
    nav: 'Districts',
    link: (name, n) => `${name} (${n})`,
    heading: (name, n) => `${name} (${n})`,
  },
};

/** The shelter words of `lang`. */
export const shelterWords = (lang: Lang) => (lang === 'en' ? en : zh);

/** Why a shelter must not be used for a hazard: the shelter file's Chinese reason, or its English. */
export const notForReason = (lang: Lang, reason: string) => (lang === 'en' ? notForReasonEn(reason) : reason);
