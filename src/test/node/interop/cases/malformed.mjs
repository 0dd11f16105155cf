export const malformedCases = {};
