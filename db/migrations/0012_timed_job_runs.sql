CREATE TABLE "timed_job_runs" (
	"job" varchar(64) PRIMARY KEY NOT NULL,
	"last_started_at" timestamp with time zone NOT NULL,
	"passes" bigint DEFAULT 1 NOT NULL
);
