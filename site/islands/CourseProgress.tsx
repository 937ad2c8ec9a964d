import { useEffect, useState } from 'preact/hooks';
import ConfirmDialog from './ConfirmDialog.tsx';
import { readCompleted } from './SelfCheck.tsx';

/** One lesson as the course page lists it. */
export interface LessonItem {
  /** `<course>/<NN>-<slug>`, as kept in localStorage. */
  id: string;
  /** Position in the course, from 1. */
  number: number;
  title: string;
  summary: string;
  /** Minutes it takes. */
  minutes: number;
  href: string;
}

interface Props {
  /** localStorage key of the course's completed lesson ids. */
  progressKey: string;
  /** The course's lessons in order. */
  lessons: LessonItem[];
}

/** The course's lessons; once the browser has read its records, how many are done and where to go next. */
export default function CourseProgress({ progressKey, lessons }: Props) {
  // null until mounted: the server (and a browser without JS) renders the plain list.
  const [done, setDone] = useState<string[] | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => setDone(readCompleted(progressKey)), [progressKey]);

  const count = done ? lessons.filter((l) => done.includes(l.id)).length : 0;
  const next = done ? lessons.find((l) => !done.includes(l.id)) : undefined;

  function reset() {
    setAsking(false);
    try {
      localStorage.removeItem(progressKey);
    } catch {
      // Storage blocked: nothing was kept to clear.
    }
    setDone([]);
  }

  return (
    <div class="cp">
      {done && (
        <div class="cp-status">
          <p class="cp-count">
            <strong>学习进度：</strong>已完成 {count} 课，共 {lessons.length} 课
          </p>
          <progress max={lessons.length} value={count} aria-hidden="true" />
          {next ? (
            <p>
              {count === 0 ? '从第一课开始：' : '接着学：'}
              <a href={next.href}>
                第 {next.number} 课 {next.title}
              </a>
            </p>
          ) : (
            <p>这门课程已经全部学完，做得好！</p>
          )}
          <p class="cp-note">
            学习记录只保存在这台设备的浏览器里。
            {count > 0 && (
              <button type="button" class="secondary" onClick={() => setAsking(true)}>
                清除学习记录
              </button>
            )}
          </p>
          {asking && (
            <ConfirmDialog
              title="清除学习记录？"
              confirmLabel="清除记录"
              cancelLabel="保留"
              onConfirm={reset}
              onClose={() => setAsking(false)}
            >
              <p>这门课程在本机的学习记录会被清除，已完成的课程将显示为未完成。课程内容不受影响。</p>
            </ConfirmDialog>
          )}
        </div>
      )}
      <ol class="cp-lessons">
        {lessons.map((l) => {
          const isDone = done?.includes(l.id) ?? false;
          return (
            <li class={isDone ? 'cp-done' : undefined} key={l.id}>
              <h3>
                <a href={l.href}>
                  <span class="cp-number">第 {l.number} 课</span> {l.title}
                </a>
              </h3>
              <p>{l.summary}</p>
              <p class="cp-meta">
                约 {l.minutes} 分钟
                {isDone && <strong class="cp-badge">✓ 已完成</strong>}
              </p>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
