/** The package ships a JSON list of free and disposable mail domains, without types. */
declare module "email-providers" {
  const domains: string[];
  export default domains;
}
