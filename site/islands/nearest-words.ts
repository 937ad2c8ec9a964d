// The words of the nearest-shelter finder (NearestShelters) in each language. Shelter names and addresses
// stay in Chinese on English pages: that is what drivers, map apps and signs use.
import { SHELTER_HAZARDS_EN } from '#api/domain/english.ts';
import { SHELTER_HAZARDS, SHELTER_HAZARD_NAMES, type ShelterHazard } from '#api/domain/shelter-hazards.ts';
import { DETOUR_FACTOR, WALK_SPEED_KMH, formatDistance, formatWalk } from '../lib/nearest.ts';
import { CLASS_EN, districtEn, formatDistanceEn, formatWalkEn } from '../lib/shelters-en.ts';
import type { ShelterSummary } from '../lib/shelters.ts';
import type { Lang } from '../lib/ui-strings.ts';
import type { Choice } from './HazardSelect.tsx';
import { HAZARD_OPTIONS } from './hazard-choice.ts';

/** Where the finder stands: not started, waiting for the position, done, or why there is no position. */
export type Status = 'idle' | 'locating' | 'done' | 'denied' | 'unavailable' | 'timeout' | 'unsupported';
/** A map app a route opens in. */
type MapApp = 'amap' | 'baidu' | 'apple';

const zh = {
  messages: {
    idle: '',
    locating: '正在获取你的位置……浏览器可能会先询问是否允许。',
    denied: '没有获得位置权限。请在下面选择你所在的区县或街道、镇；想用定位时，可在浏览器设置里允许本站使用位置。',
    unavailable: '暂时无法确定你的位置（可能在室内，或手机的定位服务没有打开）。请在下面选择你所在的区县或街道、镇。',
    timeout: '获取位置用时太长。请稍后再试，或在下面选择你所在的区县或街道、镇。',
    unsupported: '这个浏览器不能提供位置。请在下面选择你所在的区县或街道、镇。',
  } as Record<Exclude<Status, 'done'>, string>,
  /** `lang` of the Chinese names and addresses: none on a Chinese page. */
  chinese: undefined as 'zh-CN' | undefined,
  url: (s: ShelterSummary) => s.url,
  distance: formatDistance,
  /** Around the distance and the walking time, each shown in bold. */
  howFar: ['直线距离 ', '，步行', ''] as readonly [string, string, string],
  walk: formatWalk,
  classLine: (s: ShelterSummary) =>
    `${s.classLabel}（${s.classNote}）· ${s.open === 'always' ? '常年开放' : '启用后开放'}${s.barrierFree ? ' · 有无障碍设施' : ''}`,
  address: '地址：',
  route: { amap: '高德导航', baidu: '百度导航', apple: '苹果地图导航' } as Record<MapApp, string>,
  routeTo: (app: MapApp, name: string) => `用${{ amap: '高德地图', baidu: '百度地图', apple: '苹果地图' }[app]}导航到${name}`,
  hazard: (h: ShelterHazard): string => SHELTER_HAZARDS[h].label,
  advice: (h: ShelterHazard): string => SHELTER_HAZARDS[h].advice,
  hazardChoices: HAZARD_OPTIONS as readonly Choice[],
  noJs: '用位置查找需要浏览器开启 JavaScript。请在下面的列表中按区县查找。',
  hazardLabel: '要躲避的灾害',
  locate: '用我的位置查找',
  privacy:
    '只列出适用于所选灾害的场所。位置只在你这台手机或电脑上用来计算距离，不会发送给本站；点“导航”时，它作为路线起点交给你选的地图应用。',
  far: (km: string) => `你现在似乎不在扬州市内：最近的避难场所也在 ${km} 外。下面仍按距离列出，也可以在下面选择区县。`,
  nearest: (n: number, hazard: string) => `适用于${hazard}、离你最近的 ${n} 个避难场所，按直线距离从近到远：`,
  nearestList: '离你最近的避难场所',
  assumption: `距离是两点之间的直线距离。步行时间按直线距离 × ${DETOUR_FACTOR}（道路绕行）、每小时走 ${WALK_SPEED_KMH} 公里估算，实际路线可能更长；老人、孩子和行动不便的人请多留时间。`,
  orChoose: '或者选择你所在的地方',
  placeLabel: '区县或街道、镇',
  choose: '请选择',
  district: (_code: string, name: string) => name,
  /** Labels of the two groups of places; null where only districts are offered (the streets' names are Chinese). */
  placeGroups: { districts: '区县', neighbourhoods: '街道、镇' } as { districts: string; neighbourhoods: string } | null,
  inPlace: (place: string, n: number, hazard: string) => `${place}：${n} 个适用于${hazard}的避难场所，设施较全的排在前面。`,
  placeList: (place: string) => `${place}的避难场所`,
};

const en: typeof zh = {
  messages: {
    idle: '',
    locating: 'Finding your location… your browser may ask for permission first.',
    denied:
      'No permission to use your location. Choose your district below instead, or allow this site to use your location in the browser settings.',
    unavailable:
      'Your location is not available right now (you may be indoors, or location services may be off). Choose your district below.',
    timeout: 'Finding your location took too long. Try again, or choose your district below.',
    unsupported: 'This browser cannot give a location. Choose your district below.',
  },
  chinese: 'zh-CN',
  url: (s) => `/en${s.url}`,
  distance: formatDistanceEn,
  howFar: ['', ' in a straight line, a walk of ', ''],
  walk: formatWalkEn,
  classLine: (s) =>
    `${CLASS_EN[s.class].label} (${CLASS_EN[s.class].note}) · ${s.open === 'always' ? 'open all year' : 'opened when needed'}${s.barrierFree ? ' · step-free access' : ''}`,
  address: 'Address: ',
  route: { amap: 'Amap', baidu: 'Baidu Maps', apple: 'Apple Maps' },
  routeTo: (app, name) => `Directions to ${name} in ${{ amap: 'Amap', baidu: 'Baidu Maps', apple: 'Apple Maps' }[app]}`,
  hazard: (h) => SHELTER_HAZARDS_EN[h].label.toLowerCase(),
  advice: (h) => SHELTER_HAZARDS_EN[h].advice,
  hazardChoices: SHELTER_HAZARD_NAMES.map((h) => ({ value: h, label: SHELTER_HAZARDS_EN[h].label })),
  noJs: 'Finding shelters by location needs JavaScript. Use the list by district further down this page.',
  hazardLabel: 'Hazard',
  locate: 'Use my location',
  privacy:
    'Only shelters designated for the chosen hazard are listed. Your location is used on this phone or computer to work out distances and is not sent to this site; when you tap a map app, it is handed to that app as the start of the route.',
  far: (km) => `You seem to be outside Yangzhou: the nearest shelter is ${km} away. They are still listed by distance below.`,
  nearest: (n, hazard) => `The ${n} nearest shelters for ${hazard}, closest first (straight-line distance):`,
  nearestList: 'Nearest shelters',
  assumption: `Walking times assume the route is ${DETOUR_FACTOR} times the straight-line distance and a pace of ${WALK_SPEED_KMH} km an hour. Real routes may be longer; allow more time for older people, children and anyone who walks slowly.`,
  orChoose: 'Or choose your district',
  placeLabel: 'District or county',
  choose: 'Choose…',
  district: (code) => districtEn(code),
  placeGroups: null,
  inPlace: (place, n, hazard) => `${place}: ${n} shelters for ${hazard}, best equipped first.`,
  placeList: (place) => `Shelters in ${place}`,
};

/** The finder's words in `lang`. */
export const nearestWords = (lang: Lang) => (lang === 'en' ? en : zh);
