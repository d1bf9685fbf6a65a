import bcrypt from "bcryptjs";

// bcryptjs: pure JavaScript, so nothing to compile on install; cost 10 keeps a login under ~100 ms.
export const hashPassword = (plain: string) => bcrypt.hash(plain, 10);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);
