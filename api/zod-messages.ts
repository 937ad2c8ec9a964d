// zod's own messages (too short, not a number …) in Chinese wherever a schema runs: in the API and in
// the islands that check a form before sending. `z.config` is global, so it is set once, here; every
// contract module and api/input-problems.ts import this file for that effect.
import { z } from 'zod';

z.config(z.locales.zhCN());
