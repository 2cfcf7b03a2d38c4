export { ValidationError } from "../core/errors";
export { show } from "../core/show";
