// The words of the pages that exist in both languages, one dictionary per language. A component
// takes `lang` and reads its strings here, so the Chinese page and its English twin share markup.

/** A page's language: Chinese first, English for visitors (/en/…). */
export type Lang = 'zh-CN' | 'en';

/** Props of a component that both language routes render. */
export interface LangProps {
  /** The page's language (Chinese unless given). */
  lang?: Lang;
}

/** The header's search form: its landmark name, the field's hidden label, its example and the button. */
interface SiteSearch {
  label: string;
  field: string;
  placeholder: string;
  submit: string;
}

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
  /** The frame of every page (Base). */
  layout: {
    siteName: '扬州应急',
    description: '扬州应急：暴雨、台风、地震、火灾等突发事件的预防、避险、自救互救知识，应急避难场所和预警信息。',
    skip: '跳到正文',
  },
  /** The site header (SiteHeader): home, sections, large text, menu and, where the language has one, search. */
  header: {
    home: '/',
    sections: [
      { href: '/', label: '首页' },
      { href: '/guides/', label: '应急知识' },
      { href: '/shelters/', label: '避难场所' },
      { href: '/warnings/', label: '预警信息' },
      { href: '/training/', label: '培训' },
      { href: '/contest/', label: '知识竞赛' },
      { href: '/ideas/', label: '金点子' },
    ],
    elder: '长辈模式',
    menu: '菜单',
    nav: '主要栏目',
    // The switch to English is one more section; an English page keeps 中文 in sight for a Chinese reader.
    switchInBar: false,
    search: { label: '全站搜索', field: '搜索应急知识', placeholder: '例如：暴雨、心肺复苏', submit: '搜索' } as SiteSearch | null,
  },
  /** A guide's page (GuideArticle). */
  guide: { keyPoints: '最重要的三件事' },
  /** The home page (HomeSections, CallFirst). */
  home: {
    call: '遇到紧急情况，先打电话',
    sectionsTitle: '栏目',
    sections: [
      { href: '/guides/', title: '应急知识', text: '暴雨、台风、地震、火灾、燃气泄漏……事前怎么防、事中怎么躲、怎样自救互救。' },
      { href: '/shelters/', title: '避难场所', text: '找到离你最近的应急避难场所，看看那里有什么、怎么走。' },
      { href: '/warnings/', title: '预警信息', text: '正在生效的预警：在哪里、做什么、到什么时候。' },
      { href: '/training/', title: '培训', text: '家庭、学校、社区的应急课程和演练活动。' },
      { href: '/contest/', title: '知识竞赛', text: '学校和社区的应急知识竞赛，也可以自己练一练。' },
      { href: '/ideas/', title: '金点子', text: '你对扬州应急管理有什么好建议？提出来，大家支持，专家评审。' },
    ],
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
  layout: {
    siteName: 'Yangzhou Ready',
    description:
      'Yangzhou Ready: what to do in a rainstorm, typhoon, earthquake or fire in Yangzhou, the nearest emergency shelter, live warnings and emergency numbers.',
    skip: 'Skip to main content',
  },
  header: {
    home: '/en/',
    sections: [
      { href: '/en/', label: 'Home' },
      { href: '/en/warnings/', label: 'Warnings' },
      { href: '/en/shelters/', label: 'Shelters' },
      { href: '/en/guides/', label: 'Safety guides' },
      { href: '/en/numbers/', label: 'Emergency numbers' },
    ],
    elder: 'Large text',
    menu: 'Menu',
    nav: 'Main sections',
    switchInBar: true,
    // The search index is Chinese: the English pages have no search.
    search: null,
  },
  guide: { keyPoints: 'The three things that matter most' },
  home: {
    call: 'In an emergency, call first',
    sectionsTitle: 'In English',
    sections: [
      { href: '/en/warnings/', title: 'Warnings', text: 'Warnings in force now: where, what to do, and until when.' },
      {
        href: '/en/shelters/',
        title: 'Emergency shelters',
        text: 'Find the nearest shelter for the hazard you face, what it has and how to get there.',
      },
      {
        href: '/en/guides/',
        title: 'Safety guides',
        text: 'Rainstorms, typhoons, earthquakes, fire, heat, CPR, gas leaks and road accidents: what to do before, during and after.',
      },
      {
        href: '/en/numbers/',
        title: 'Emergency numbers',
        text: 'Police 110, fire 119, ambulance 120, traffic accidents 122, and other numbers you may need.',
      },
    ],
  },
};

/** The strings of every shared component in `lang`. */
export const stringsFor = (lang: Lang) => (lang === 'en' ? en : zh);
