/**
 * Built-in authentication: an HS256 JWT verifier that runs before the application's own
 * {@code onAuthenticate} hooks when {@code yjakarta/auth/jwtSecret} is configured.
 */
package dev.yjakarta.server.auth;
