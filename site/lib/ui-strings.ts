// The words of the pages that exist in both languages, one dictionary per language. A component
// takes `lang` and reads its strings here, so the Chinese page and its English twin share markup.

/** A page's language: Chinese first, English for visitors (/en/…). */
export type Lang = 'zh-CN' | 'en';

const zh = {
  /** The numbers page (NumberGroups). */
  numbersPage: {
    groups: { emergency: '紧急求助', warning: '预警与气象', service: '便民与举报' },
    noDial: '（不是拨打的号码）',
    runBy: '主管：',
  },
  /** The four numbers every page shows (EmergencyNumbers). */
  numbers: { '110': '报警', '119': '火警', '120': '急救', '122': '交通事故' },
  footer: {
    title: '紧急求助',
    more: '更多便民与预警热线',
    moreHref: '/numbers/',
    about: '扬州应急是面向扬州市民的应急知识与预警信息网站。遇到危险请先拨打报警和急救电话；本站信息不能代替现场救援人员的指挥。',
  },
};

const en: typeof zh = {
  numbersPage: {
    groups: { emergency: 'Emergencies', warning: 'Warnings and weather', service: 'Services and reports' },
    noDial: '(not a number to call)',
    runBy: 'Run by: ',
  },
  numbers: { '110': 'Police', '119': 'Fire and rescue', '120': 'Ambulance', '122': 'Traffic accident' },
  footer: {
    title: 'In an emergency',
    more: 'More emergency and service numbers',
    moreHref: '/en/numbers/',
    about:
      "Yangzhou Ready is the city's emergency information site for residents. The operators of 110, 119 and 120 may not speak English: say your address in Chinese if you can, or ask someone nearby to call for you. This site does not replace the instructions of responders on the spot.",
  },
};

/** The strings of every shared component in `lang`. */
export const stringsFor = (lang: Lang) => (lang === 'en' ? en : zh);
