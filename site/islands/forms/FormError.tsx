/** What went wrong with a form or a request, read out at once (`role="alert"`); nothing when all is well. */
export default function FormError({ message }: { message: string }) {
  return message ? (
    <p class="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
