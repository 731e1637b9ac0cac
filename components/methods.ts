/** The methods offered in pickers; any other token may still be typed or captured. */
export const COMMON_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
