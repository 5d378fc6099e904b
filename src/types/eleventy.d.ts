/** The part of Eleventy's programmatic API this project uses (Eleventy ships no type declarations). */
declare module "@11ty/eleventy" {
	export interface EleventyOptions {
		source?: "cli" | "script";
		configPath?: string;
		quietMode?: boolean;
		pathPrefix?: string;
		runMode?: "build" | "watch" | "serve";
		// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
		config?: (eleventyConfig: any) => void | Promise<void>;
	}
	export default class Eleventy {
		constructor(input?: string, output?: string, options?: EleventyOptions);
		init(): Promise<void>;
		write(): Promise<unknown>;
		watch(): Promise<void>;
		serve(port?: number): Promise<void>;
		stopWatch(): Promise<void>;
		disableLogger?(): void;
	}
}
