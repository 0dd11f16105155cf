/**
 * The extension point: CDI beans implementing {@link dev.yjakarta.server.hooks.CollabHook}, one
 * method per Hocuspocus hook, run in {@code @Priority} order. A hook rejects by throwing
 * {@link dev.yjakarta.server.hooks.HookRejection}.
 */
package dev.yjakarta.server.hooks;
