/**
 * A form's submit handler for an island: the browser does not leave the page, and `handle` gets what the
 * form holds (read from the form itself, so even what was typed before the island woke up counts).
 */
export const submitted =
  (handle: (data: FormData) => void) =>
  (e: Event): void => {
    e.preventDefault();
    handle(new FormData(e.currentTarget as HTMLFormElement));
  };
