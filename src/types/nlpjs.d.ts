/** The Snowball Russian stemmer of @nlpjs/lang-ru (a generated port of Snowball's; the package ships no types). */
declare module "@nlpjs/lang-ru/src/stemmer-ru.js" {
	export default class StemmerRu {
		stemWord(word: string): string;
	}
}
