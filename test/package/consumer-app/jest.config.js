module.exports = {
  testEnvironment: "node",
  testMatch: ["**/__tests__/**/*-test.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
};
