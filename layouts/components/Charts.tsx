/**
 * Charts drawn as inline SVG at build time: no client-side script, and no `style` attributes (the site's
 * Content-Security-Policy forbids both), so colours come from style.css and geometry from SVG attributes.
 * A chart is on tens of thousands of topic pages: its many small parts (bars, their links and hit areas,
 * the month and year labels) carry no class and no wrapper, and the stylesheet finds them by place.
 */
import { Fragment } from "preact";
import type { MonthCount } from "../../src/model/collections.ts";
import { countOf, t, usePageLanguage } from "../i18n.ts";
import { monthAbbreviation, monthName } from "./periods.ts";

/** Two decimals are plenty for a chart and keep the output short and byte-stable. */
const n = (value: number): string => String(Math.round(value * 100) / 100);
/** A sparkline is 120 units wide: one decimal is finer than a pixel, and thousands of rows stay short. */
const n1 = (value: number): string => String(Math.round(value * 10) / 10);

/** A round upper bound for the y axis: 1, 2, 5, 10, 20, 50, … at or above `max`. */
export function niceMax(max: number): number {
	if (max <= 1) return 1;
	const magnitude = 10 ** Math.floor(Math.log10(max));
	for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
	return 10 * magnitude;
}

export interface MonthlyBarsProps {
	/** Consecutive months, oldest first (empty months included, as zero). */
	months: MonthCount[];
	/** Where a month's bar leads; a month without a link (or without articles) is drawn but not linked. */
	link?: (month: MonthCount) => string | undefined;
	/** Names the chart for assistive technology, e.g. "Articles per month". */
	label: string;
	/** Distinguishes several charts on one page. */
	id: string;
}

const chart = { width: 720, height: 240, left: 48, right: 12, top: 14, bottom: 52 } as const;

/** A bar chart of articles per month with labelled axes; each bar with articles is a link. */
export function MonthlyBars({ months, link, label, id }: MonthlyBarsProps) {
	const lang = usePageLanguage();
	if (months.length === 0) return null;
	const plotWidth = chart.width - chart.left - chart.right;
	const plotHeight = chart.height - chart.top - chart.bottom;
	const baseline = chart.top + plotHeight;
	const top = niceMax(Math.max(...months.map((month) => month.count)));
	const ticks = top === 1 ? [0, 1] : [0, top / 2, top];
	const slot = plotWidth / months.length;
	// A few months would otherwise make slabs; a bar stays bar-shaped whatever the span.
	const barWidth = Math.min(40, Math.max(1, slot * 0.78));
	const y = (count: number) => baseline - (count / top) * plotHeight;
	// Name every month when they fit; otherwise name the years at their Januaries.
	const everyMonth = months.length <= 18;
	const titleId = `${id}-title`;
	return (
		<figure class="chart monthly-bars">
			<svg class="chart-svg" viewBox={`0 0 ${chart.width} ${chart.height}`} role="group" aria-labelledby={titleId}>
				<title id={titleId}>{label}</title>
				<g class="chart-axis chart-axis-y">
					{ticks.map((tick) => (
						<g key={tick}>
							<line class="chart-grid" x1={chart.left} x2={chart.width - chart.right} y1={n(y(tick))} y2={n(y(tick))} />
							<text class="chart-tick" x={chart.left - 6} y={n(y(tick) + 4)}>
								{tick}
							</text>
						</g>
					))}
					<text class="chart-axis-title" transform={`translate(12 ${n(chart.top + plotHeight / 2)}) rotate(-90)`}>
						{t(lang, "articles")}
					</text>
				</g>
				<g class="chart-bars">
					{months.map((month, index) => {
						const x = chart.left + index * slot;
						const target = month.count > 0 ? link?.(month) : undefined;
						const name = `${monthName(month.year, month.month, lang)}: ${countOf(lang, "article", month.count)}`;
						const bar =
							month.count > 0 ? (
								<rect
									key={month.key}
									x={n(x + (slot - barWidth) / 2)}
									y={n(y(month.count))}
									width={n(barWidth)}
									height={n(baseline - y(month.count))}
								>
									<title>{name}</title>
								</rect>
							) : null;
						// An empty month is a gap, not an element: long charts are mostly empty months.
						if (!target) return bar;
						return (
							<a key={month.key} href={target} aria-label={name}>
								{/* The whole column is the link target (the link's first rect), so even a one-article month is
								    easy to hit; the bar, named by its title, is the second. */}
								<rect x={n(x)} y={chart.top} width={n(slot)} height={plotHeight} />
								{bar}
							</a>
						);
					})}
				</g>
				<g class="chart-axis chart-axis-x">
					<line class="chart-baseline" x1={chart.left} x2={chart.width - chart.right} y1={baseline} y2={baseline} />
					{months.map((month, index) => {
						const x = n(chart.left + index * slot + slot / 2);
						const showYear = index === 0 ? everyMonth || month.month <= 10 : month.month === 1;
						if (!everyMonth && !showYear) return null;
						return (
							<Fragment key={month.key}>
								{everyMonth ? (
									<text x={x} y={baseline + 16}>
										{monthAbbreviation(month.year, month.month, lang)}
									</text>
								) : null}
								{showYear ? (
									<text class="year" x={x} y={baseline + (everyMonth ? 32 : 16)}>
										{month.year}
									</text>
								) : null}
							</Fragment>
						);
					})}
					<text class="chart-axis-title" x={n(chart.left + plotWidth / 2)} y={chart.height - 4}>
						{t(lang, "month")}
					</text>
				</g>
			</svg>
		</figure>
	);
}

export interface SparklineProps {
	/** The months with articles (sparse), oldest first. */
	activity: MonthCount[];
	/** The span every sparkline on the page shares, so that they line up. */
	from: { year: number; month: number };
	to: { year: number; month: number };
	/** Read out instead of the drawing. */
	label: string;
}

const spark = { width: 120, height: 24 } as const;

/**
 * A small activity chart: one column per month with articles, on a time axis shared by every sparkline on
 * the page. One `<path>` whatever the span, so a page listing thousands of topics stays small.
 */
export function Sparkline({ activity, from, to, label }: SparklineProps) {
	const span = (to.year - from.year) * 12 + (to.month - from.month) + 1;
	if (span <= 0) return null;
	const slot = spark.width / span;
	const width = Math.max(1, slot * 0.8);
	const top = Math.max(1, ...activity.map((month) => month.count));
	const baseline = spark.height - 1;
	const d = activity
		.map((month) => {
			const index = (month.year - from.year) * 12 + (month.month - from.month);
			const height = Math.max(2, (month.count / top) * (spark.height - 2));
			return `M${n1(index * slot + (slot - width) / 2)} ${baseline}v${n1(-height)}h${n1(width)}v${n1(height)}z`;
		})
		.join("");
	return (
		<svg
			class="sparkline"
			viewBox={`0 0 ${spark.width} ${spark.height}`}
			width={spark.width}
			height={spark.height}
			role="img"
			aria-label={label}
		>
			<path class="sparkline-bars" d={d} />
		</svg>
	);
}
