/**
 * The demo editor page that the WAR serves at "/" (bundled from src/main/frontend at build time),
 * and the filter that hides it when the JNDI entry {@code yjakarta/demo/enabled} is "false".
 */
package dev.yjakarta.demo;
