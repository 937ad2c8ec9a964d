import { useEffect, useState } from 'preact/hooks';
import { IDEA_LIMITS } from '#api/ideas/labels.ts';
import Field from '../forms/Field.tsx';

/** Props: the server's message for the photo and where the chosen photo goes (base64, or null). */
interface Props {
  error?: string | undefined;
  onPhoto: (base64: string | null) => void;
}

const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('read failed'));
    reader.readAsDataURL(file);
  });

/** Optional photo: checked for size here, for type (by content) and stripped of location on the server. */
export default function PhotoField({ error, onPhoto }: Props) {
  const [preview, setPreview] = useState('');
  const [problem, setProblem] = useState('');
  useEffect(() => () => preview && URL.revokeObjectURL(preview), [preview]);

  const choose = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    setProblem('');
    setPreview('');
    onPhoto(null);
    if (!file) return;
    if (file.size > IDEA_LIMITS.photoBytes) {
      setProblem('照片不能超过 5 MB，请换一张或压缩后再选。');
      input.value = '';
      return;
    }
    try {
      onPhoto(await readBase64(file));
      setPreview(URL.createObjectURL(file));
    } catch {
      setProblem('这张照片无法读取，请换一张。');
    }
  };

  const message = problem || error;
  return (
    <Field
      id="idea-photo"
      label="照片（可选）"
      hint="JPEG、PNG 或 WebP，不超过 5 MB。照片中的拍摄地点（GPS）等信息会被自动去除。请不要拍到他人的面孔或车牌。"
      error={message}
    >
      {(p) => (
        <>
          <input {...p} type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => void choose(e)} />
          {preview && <img src={preview} alt="你选择的照片（预览）" class="idea-photo" width={240} />}
        </>
      )}
    </Field>
  );
}
