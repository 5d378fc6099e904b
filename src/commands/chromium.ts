/**
 * Real Chromium, headless: Debian's `/usr/bin/chromium` driven by playwright-core (never a browser
 * download). Shared by the browser tests and `npm run bench`.
 */
import { type Browser, chromium } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath,
		headless: true,
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
			"--no-first-run",
		],
	});
}
