/**
 * Text PostgreSQL can hold: it refuses NUL (and a lone surrogate cannot be encoded), so each
 * becomes U+FFFD. Everything else is kept byte for byte.
 */
export const storableText = (text: string) => text.replaceAll("\u0000", "\uFFFD").toWellFormed();
