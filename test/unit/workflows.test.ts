/**
 * The GitHub Actions workflows cannot be run here, so they are checked the way GitHub would read them:
 * against the workflow schema (@action-validator/core bundles SchemaStore's), and for what publishing
 * needs: the right triggers, least permissions, pinned actions, and commands that exist in package.json.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { articleCacheDefaults } from "../../src/content/article-cache.ts";
import { projectRoot } from "../../src/paths.ts";

interface Step {
	id?: string;
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	needs?: string | string[];
	if?: string;
	permissions?: Record<string, string>;
	environment?: { name: string; url?: string };
	container?: { image: string };
	outputs?: Record<string, string>;
	/** A job that calls a reusable workflow has `uses` and `with`, and no steps. */
	uses?: string;
	with?: Record<string, unknown>;
	steps?: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	concurrency?: { group: string; "cancel-in-progress"?: boolean };
	jobs: Record<string, Job>;
}

const workflowDir = path.join(projectRoot, ".github", "workflows");
const source = (file: string) => readFileSync(path.join(workflowDir, file), "utf8");
const load = (file: string) => parse(source(file)) as Workflow;
const scripts = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).scripts as Record<string, string>;

const schemaErrors = (text: string) =>
	validateWorkflow(text).errors.map((error) => `${"path" in error ? error.path : ""} ${error.title} ${error.detail ?? ""}`);

/** A GitHub Actions expression as the workflow file writes it: `${{ … }}`. */
const expression = (inner: string) => ["$", "{{ ", inner, " }}"].join("");

for (const file of ["deploy.yml", "test.yml", "fetch.yml"]) {
	test(`${file} is a valid GitHub Actions workflow by the workflow schema`, () => {
		assert.equal(schemaErrors(source(file)), []);
	});

	test(`${file} pins every action to a full commit SHA with its version in a comment`, () => {
		const uses = source(file)
			.split("\n")
			.filter((line) => /^\s*(-\s+)?uses:/.test(line));
		assert.ok(uses.length > 0);
		for (const line of uses) {
			// A workflow of this repository is the same commit's file, pinned by nature; it must exist.
			const local = /uses: (\.\/\.github\/workflows\/[\w.-]+\.yml)$/.exec(line)?.[1];
			if (local) assert.ok(existsSync(path.join(projectRoot, local)), line);
			else assert.match(line, /uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, line);
		}
	});

	test(`${file}: every step output it reads comes from an earlier step of the same job`, () => {
		for (const [name, job] of Object.entries(load(file).jobs)) {
			const seen = new Set<string>();
			for (const step of job.steps ?? []) {
				for (const [, id] of JSON.stringify(step).matchAll(/steps\.([\w-]+)\.outputs/g))
					assert.ok(seen.has(id ?? ""), `${name}: step output of "${id}" read before that step`);
				if (step.id) seen.add(step.id);
			}
			if (job.environment?.url) {
				const [, id] = /steps\.([\w-]+)\.outputs/.exec(job.environment.url) ?? [];
				assert.ok(id && seen.has(id), `${name}: environment url reads an unknown step`);
			}
		}
	});

	test(`${file}: every npm script it runs exists in package.json`, () => {
		const runs = Object.values(load(file).jobs).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? ""));
		for (const [, script] of runs.join("\n").matchAll(/npm run (?:--silent )?([\w:-]+)/g))
			assert.ok(scripts[script ?? ""], `npm run ${script}`);
	});
}

test("the schema check rejects a workflow with a misspelt key and a bad permission", () => {
	const broken = source("deploy.yml").replace("runs-on:", "runs_on:").replace("pages: write", "pages: publish");
	const errors = schemaErrors(broken);
	assert.ok(
		errors.some((error) => error.startsWith("/jobs/build ")),
		"the misspelt runs-on in the build job",
	);
	assert.ok(
		errors.some((error) => error.startsWith("/jobs/deploy ")),
		"the unknown permission level in the deploy job",
	);
});

test("deploy.yml publishes on a push to main, by hand, once a day (scheduled articles) and when called, one deployment at a time", () => {
	const workflow = load("deploy.yml");
	assert.equal(Object.keys(workflow.on).sort(), ["push", "schedule", "workflow_call", "workflow_dispatch"]);
	const schedule = workflow.on.schedule as { cron: string }[];
	assert.is(schedule.length, 1);
	// Minute and hour fixed, every day of every month: exactly one run a day.
	assert.match(schedule[0]?.cron ?? "", /^([0-5]?\d) ([01]?\d|2[0-3]) \* \* \*$/);
	assert.equal((workflow.on.push as { branches: string[] }).branches, ["main"]);
	assert.is(workflow.concurrency?.group, "pages");
	assert.is(workflow.concurrency?.["cancel-in-progress"], false);
});

test("deploy.yml grants each job only what it uses: read to build, Pages and an OIDC token to deploy", () => {
	const workflow = load("deploy.yml");
	assert.equal(workflow.permissions, {});
	assert.equal(workflow.jobs.build?.permissions, { contents: "read", pages: "read" });
	assert.equal(workflow.jobs.deploy?.permissions, { pages: "write", "id-token": "write" });
	assert.equal(workflow.jobs.deploy?.needs, "build");
	assert.is(workflow.jobs.deploy?.environment?.name, "github-pages");
});

test("deploy.yml builds on Node 20 with npm ci, the Pages prefix and URL, and uploads the built folder", () => {
	const steps = load("deploy.yml").jobs.build?.steps ?? [];
	assert.is(steps[0]?.with?.ref, expression("inputs.ref"), "a caller names the commit to publish");
	const action = (name: string) => steps.find((step) => step.uses?.startsWith(`${name}@`));
	assert.is(action("actions/setup-node")?.with?.["node-version"], 20);
	const runs = steps.map((step) => step.run ?? "");
	assert.ok(runs.some((run) => /^npm ci\b/.test(run)));
	const order = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);
	const configure = order((step) => step.uses?.startsWith("actions/configure-pages@") ?? false);
	const settings = order((step) => step.run?.includes("npm run --silent pages-settings") ?? false);
	const build = order((step) => step.run?.startsWith("npm run build") ?? false);
	const upload = order((step) => step.uses?.startsWith("actions/upload-pages-artifact@") ?? false);
	assert.ok(configure >= 0 && configure < settings && settings < build && build < upload, "configure, settings, build, upload in order");
	assert.match(steps[settings]?.env?.PAGES_URL ?? "", /steps\.pages\.outputs\.base_url/);
	assert.match(steps[settings]?.run ?? "", />> "\$GITHUB_OUTPUT"$/);
	assert.match(steps[build]?.run ?? "", /--path-prefix "\$PATH_PREFIX" --site-url "\$SITE_URL"/);
	assert.match(steps[build]?.env?.PATH_PREFIX ?? "", /steps\.site\.outputs\.path_prefix/);
	assert.match(steps[build]?.env?.SITE_URL ?? "", /steps\.site\.outputs\.site_url/);
	assert.is(steps[upload]?.with?.path, "_site");
	const deploy = load("deploy.yml").jobs.deploy?.steps ?? [];
	assert.ok(deploy.some((step) => step.uses?.startsWith("actions/deploy-pages@")));
});

test("deploy.yml restores the parse cache the build reads and the site it built last, after npm ci and before the build, saving a new one each run", () => {
	const steps = load("deploy.yml").jobs.build?.steps ?? [];
	const index = steps.findIndex((step) => step.uses?.startsWith("actions/cache@"));
	assert.ok(index >= 0, "an actions/cache step");
	const cache = steps[index]?.with ?? {};
	// The folder the build's parse cache (and its render record) defaults to, so the build finds what was
	// restored; and the folder the build writes and the upload takes, so unchanged pages are carried over.
	const paths = String(cache.path)
		.split("\n")
		.map((line) => line.trim())
		.filter(Boolean);
	assert.equal(
		paths.map((folder) => path.resolve(projectRoot, folder)),
		[
			articleCacheDefaults.dir,
			path.resolve(projectRoot, String(steps.find((step) => step.uses?.startsWith("actions/upload-pages-artifact@"))?.with?.path)),
		],
	);
	assert.ok(index > steps.findIndex((step) => /^npm ci\b/.test(step.run ?? "")), "after npm ci, which empties node_modules");
	assert.ok(index < steps.findIndex((step) => step.run?.startsWith("npm run build") ?? false), "before the build");
	// A saved cache never changes: a key per run saves the new entries, the prefix restores the newest earlier cache.
	const key = String(cache.key);
	const restore = String(cache["restore-keys"]);
	assert.match(key, /\$\{\{ github\.run_id \}\}$/);
	assert.ok(key.startsWith(restore) && restore.length > 0 && !restore.includes("run_id"), `${key} / ${restore}`);
});

test("test.yml runs the project's CI entry point, which runs npm test, on pull requests", () => {
	const workflow = load("test.yml");
	assert.ok("pull_request" in workflow.on);
	assert.equal(workflow.permissions, { contents: "read" });
	const runs = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? ""));
	assert.ok(runs.includes("bash .ci/run"));
	assert.match(readFileSync(path.join(projectRoot, ".ci", "run"), "utf8"), /^npm test$/m);
	assert.match(workflow.jobs.test?.container?.image ?? "", /^node:20-/);
});

/** Permission levels in order: a grant of `write` covers a request for `read`. */
const level = (value: string | undefined) => ["none", "read", "write"].indexOf(value ?? "none");

test("fetch.yml runs on a schedule (daily or hourly) and by hand, never on a push, one run at a time", () => {
	const workflow = load("fetch.yml");
	assert.equal(Object.keys(workflow.on).sort(), ["schedule", "workflow_dispatch"]);
	const schedule = workflow.on.schedule as { cron: string }[];
	assert.is(schedule.length, 1);
	// A fixed minute, and a fixed hour or every hour, every day: daily or hourly, the editor's choice.
	assert.match(schedule[0]?.cron ?? "", /^([0-5]?\d) (\*|[01]?\d|2[0-3]) \* \* \*$/);
	assert.is(workflow.concurrency?.["cancel-in-progress"], false);
});

test("fetch.yml: only the fetch job may write the repository, and the deploy it calls gets exactly what deploy.yml's jobs ask for", () => {
	const workflow = load("fetch.yml");
	assert.equal(workflow.permissions, {});
	assert.equal(workflow.jobs.fetch?.permissions, { contents: "write" });
	for (const [name, job] of Object.entries(workflow.jobs))
		if (name !== "fetch") assert.ok(level(job.permissions?.contents) < 2, `${name} must not write contents`);
	const granted = workflow.jobs.deploy?.permissions ?? {};
	const asked = Object.values(load("deploy.yml").jobs).flatMap((job) => Object.entries(job.permissions ?? {}));
	for (const [scope, wanted] of asked) assert.ok(level(granted[scope]) >= level(wanted), `deploy.yml asks for ${scope}: ${wanted}`);
	// Nothing granted that deploy.yml does not use.
	for (const [scope, given] of Object.entries(granted))
		assert.ok(
			asked.some(([wantedScope, wanted]) => wantedScope === scope && level(wanted) === level(given)),
			`${scope}: ${given}`,
		);
	assert.equal(workflow.jobs["feeds-status"]?.permissions, {});
});

test("fetch.yml fetches, commits and pushes as the bot even when a feed failed, then calls the deploy on that commit", () => {
	const workflow = load("fetch.yml");
	const steps = workflow.jobs.fetch?.steps ?? [];
	const fetchIndex = steps.findIndex((step) => /^npm run fetch\b/.test(step.run ?? ""));
	const commitIndex = steps.findIndex((step) => step.id === "commit");
	assert.ok(fetchIndex > steps.findIndex((step) => /^npm ci\b/.test(step.run ?? "")), "fetch after npm ci");
	assert.ok(commitIndex > fetchIndex, "commit after fetch");
	// The fetch step records a failure instead of failing, so the other feeds' articles are still committed.
	assert.match(steps[fetchIndex]?.run ?? "", /\|\| echo "failed=true" >> "\$GITHUB_OUTPUT"$/);
	assert.is((steps[fetchIndex] as { if?: string }).if, "hashFiles('articles/feeds.yaml') != ''", "only a digest with feeds fetches");
	const commit = steps[commitIndex]?.run ?? "";
	assert.match(commit, /user\.name="github-actions\[bot\]"/);
	assert.match(commit, /git add --all articles/);
	assert.match(commit, /git push/);
	assert.match(commit, /echo "sha=\$\(git rev-parse HEAD\)" >> "\$GITHUB_OUTPUT"/);
	assert.equal(workflow.jobs.fetch?.outputs, {
		added: expression("steps.commit.outputs.added"),
		sha: expression("steps.commit.outputs.sha"),
		failed: expression("steps.fetch.outputs.failed"),
	});

	// A push by the workflow token triggers no workflow, so the deploy is called, on the pushed commit.
	const deploy = workflow.jobs.deploy;
	assert.is(deploy?.uses, "./.github/workflows/deploy.yml");
	assert.is(deploy?.needs, "fetch");
	assert.is(deploy?.if, "needs.fetch.outputs.added == 'true'");
	assert.equal(deploy?.with, { ref: expression("needs.fetch.outputs.sha") });
	const inputs = (load("deploy.yml").on.workflow_call as { inputs: Record<string, { type: string }> }).inputs;
	assert.is(inputs.ref?.type, "string");

	// A failed feed turns the run red once the rest is done.
	const status = workflow.jobs["feeds-status"];
	assert.equal(status?.needs, ["fetch", "deploy"]);
	assert.is(status?.if, "always()");
	assert.match(JSON.stringify(status?.steps), /needs\.fetch\.outputs\.failed/);
});

test.run();
