/**
 * What to do about a file-system error on the data folder, in one line naming the folder: at start-up
 * (the server does not start), or while running (writes wait, the API answers 503).
 */
export function storageProblem(dir: string, err: unknown, running = false): string {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const why =
    code.startsWith('ENOSPC') || code.startsWith('SQLITE_FULL')
      ? '磁盘已满，请腾出空间'
      : code.startsWith('EROFS') || code.startsWith('SQLITE_READONLY')
        ? '所在的文件系统是只读的，请改为可写的目录'
        : code === 'EACCES' || code === 'EPERM'
          ? '运行服务的用户没有写权限，请修改目录权限或换一个目录'
          : code === 'ENOENT' || code === 'ENOTDIR'
            ? '目录不存在且无法创建，请先创建它'
            : `无法写入（${code || '未知原因'}），请检查磁盘和权限`;
  return running
    ? `数据目录 ${dir} ${why}；在此之前写入暂停，接口返回 503，推送结果留在内存中等待写入。`
    : `数据目录 ${dir} ${why}（或用 DATA_DIR 指向另一个可写的目录），服务未启动。`;
}
