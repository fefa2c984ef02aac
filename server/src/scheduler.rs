//! The scheduler: a tokio task on every server instance wakes at a fixed interval and
//! runs the jobs whose lease it holds. The lease lives in the database and expires
//! when its holder stops renewing it (it died), so with several instances on one
//! database each job runs on one of them at a time. Every unit of work a job does
//! is recorded in the same transaction as its effect (a cycle event, a reminder
//! count, a follow-up step, a message status), so a crash or restart in the middle
//! of a pass neither repeats nor skips anything: the next pass picks up the rest.

use std::time::Duration as StdDuration;

use chrono::Duration;
use tokio::sync::watch;

use crate::error::{ApiError, ApiResult};
use crate::service::{
    cases, counterfeedback, cycles, deletion, delivery, digest, evidence, language_model, mailbox, privacy, repulse,
    signup, snapshots, throttle, topic_cache, webhooks,
};
use crate::state::AppState;
use crate::store::scheduler::JobRunRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Feedback cycles: decide and start the rounds that are due.
    Cycles,
    /// Remind customers who have not answered.
    CustomerReminders,
    /// Remind team members of open counter-feedback requests; escalate late ones.
    TeamFollowUp,
    /// Remind case owners before each service-level deadline; tell the leaders when
    /// one passes.
    CaseFollowUp,
    /// Ask the contact of each case closed some days ago whether it is resolved.
    Repulse,
    /// Email the digests whose period is over, each once: the team's month, the topic
    /// owners' week, the sellers' quarter, and the month's falls in the response rate.
    Digests,
    /// Deliver recorded messages over SMTP.
    Mail,
    /// POST the events admins subscribed webhooks to.
    Webhooks,
    /// Read the emails that arrived in the organisations' customer mailboxes.
    Mailboxes,
    /// Recompute the accounts' evidence that writes changed, so the heatmap rarely
    /// has to; forget the topic stamps no reader needs any more.
    Evidence,
    /// Store each account as it stood at the month's end, once the month is over
    /// (earlier months too, for accounts that lack them).
    Snapshots,
    /// Empty the bodies of messages delivered longer ago than the retention period.
    OutboxRetention,
    /// Anonymise or delete what customers said longer ago than their organisation keeps it.
    DataRetention,
    /// Delete the accounts and organisations whose deletion's grace period is over.
    Deletions,
    /// Forget the rate limits' keys whose attempts have all left their window.
    ThrottleExpiry,
    /// Send the sign-up emails not sent yet; forget the requests whose link expired.
    SignupRequests,
    /// Ask the optional language model about new responses (organisations that
    /// turned it on); last, so a slow endpoint delays nothing else.
    LanguageModel,
}

impl Job {
    /// In this order: a round started in a pass has its emails delivered in the same pass.
    pub const ALL: [Job; 17] = [
        Job::Cycles,
        Job::CustomerReminders,
        Job::TeamFollowUp,
        Job::CaseFollowUp,
        Job::Repulse,
        Job::Digests,
        Job::Mail,
        Job::Webhooks,
        Job::Mailboxes,
        Job::Evidence,
        Job::Snapshots,
        Job::OutboxRetention,
        Job::DataRetention,
        Job::Deletions,
        Job::ThrottleExpiry,
        Job::SignupRequests,
        Job::LanguageModel,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::Cycles => "cycles",
            Job::CustomerReminders => "customer_reminders",
            Job::TeamFollowUp => "team_follow_up",
            Job::CaseFollowUp => "case_follow_up",
            Job::Repulse => "case_repulse",
            Job::Digests => "digests",
            Job::Mail => "mail",
            Job::Webhooks => "webhooks",
            Job::Mailboxes => "mailboxes",
            Job::Evidence => "account_evidence",
            Job::Snapshots => "month_end_snapshots",
            Job::OutboxRetention => "outbox_retention",
            Job::DataRetention => "data_retention",
            Job::Deletions => "deletions",
            Job::ThrottleExpiry => "throttle_expiry",
            Job::SignupRequests => "signup_requests",
            Job::LanguageModel => "language_model",
        }
    }
}

/// What one job did in one pass; `None` when another instance holds its lease.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobReport {
    pub job: Job,
    pub done: Option<u32>,
    pub error: Option<String>,
}

pub struct Scheduler {
    state: AppState,
    instance: String,
}

impl Scheduler {
    /// `instance` names this process in leases and job records.
    pub fn new(state: AppState, instance: impl Into<String>) -> Scheduler {
        Scheduler {
            state,
            instance: instance.into(),
        }
    }

    /// A lease outlives a few missed passes, so a busy holder keeps it; a dead one
    /// loses it after `KAIKU_SCHEDULER_LEASE_SECONDS` (five minutes).
    fn lease_length(&self) -> Duration {
        let seconds = |value: u64| i64::try_from(value).unwrap_or(300);
        let config = &self.state.config;
        Duration::seconds((seconds(config.scheduler_seconds) * 3).max(seconds(config.scheduler_lease_seconds)))
    }

    /// One pass over every job.
    pub async fn run_once(&self) -> Vec<JobReport> {
        let mut reports = Vec::new();
        for job in Job::ALL {
            reports.push(self.run_job(job).await);
        }
        reports
    }

    async fn run_job(&self, job: Job) -> JobReport {
        let started_at = self.state.now();
        let held = self
            .state
            .store
            .acquire_lease(job.name(), &self.instance, started_at, started_at + self.lease_length())
            .await;
        match held {
            Ok(true) => {}
            Ok(false) => {
                return JobReport {
                    job,
                    done: None,
                    error: None,
                };
            }
            Err(e) => {
                return JobReport {
                    job,
                    done: None,
                    error: Some(format!("lease: {e}")),
                };
            }
        }
        let outcome = self.work(job).await;
        let (done, error) = match outcome {
            Ok(done) => (done, None),
            Err(err) => (0, Some(err.body().error.message)),
        };
        if done > 0 || error.is_some() {
            let row = JobRunRow {
                job: job.name().to_string(),
                instance: self.instance.clone(),
                started_at,
                finished_at: self.state.now(),
                done: i64::from(done),
                error: error.clone(),
            };
            if let Err(e) = self.state.store.record_job_run(row).await {
                tracing::warn!(job = job.name(), error = %e, "recording a job run failed");
            }
        }
        JobReport {
            job,
            done: Some(done),
            error,
        }
    }

    async fn work(&self, job: Job) -> ApiResult<u32> {
        let budget = self.state.config.scheduler_batch;
        match job {
            Job::Cycles => cycles::run_due_cycles(&self.state, budget).await,
            Job::CustomerReminders => cycles::remind_customers(&self.state, budget).await,
            Job::TeamFollowUp => {
                let run = counterfeedback::follow_up(&self.state).await?;
                u32::try_from(run.reminded + run.escalated).map_err(ApiError::internal)
            }
            Job::CaseFollowUp => cases::follow_up(&self.state, budget).await,
            Job::Repulse => repulse::send_due(&self.state, budget).await,
            Job::Digests => digest::send_due(&self.state, budget).await,
            Job::Mail => delivery::deliver_due(&self.state, budget).await,
            Job::Webhooks => webhooks::deliver_due(&self.state, budget).await,
            Job::Mailboxes => mailbox::read_due(&self.state, budget).await,
            Job::Evidence => Ok(evidence::recompute_changed(&self.state, budget).await?
                + topic_cache::forget_old_stamps(&self.state, budget).await?),
            Job::Snapshots => snapshots::take_due(&self.state, budget).await,
            Job::OutboxRetention => delivery::purge_delivered(&self.state, budget).await,
            Job::DataRetention => privacy::apply_retention(&self.state, budget).await,
            Job::Deletions => deletion::delete_due(&self.state, budget).await,
            Job::ThrottleExpiry => throttle::expire(&self.state).await,
            Job::SignupRequests => signup::run_due(&self.state, budget).await,
            Job::LanguageModel => language_model::propose_due(&self.state).await,
        }
    }

    /// Gives up this instance's leases, so another instance takes over at once.
    pub async fn release(&self) {
        for job in Job::ALL {
            if let Err(e) = self.state.store.release_lease(job.name(), &self.instance).await {
                tracing::warn!(job = job.name(), error = %e, "releasing a lease failed");
            }
        }
    }

    /// Runs a pass every `scheduler_seconds` until `stop` turns true; a pass under way
    /// finishes first (stopping between an SMTP send and its record would send the
    /// message again later), then the leases are given up.
    pub async fn run_until_stopped(self, mut stop: watch::Receiver<bool>) {
        let mut tick = tokio::time::interval(StdDuration::from_secs(self.state.config.scheduler_seconds));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                break;
            }
            for report in self.run_once().await {
                match (report.done, report.error) {
                    (_, Some(error)) => tracing::warn!(job = report.job.name(), %error, "scheduled job failed"),
                    (Some(done), None) if done > 0 => {
                        tracing::info!(job = report.job.name(), done, "scheduled job ran")
                    }
                    _ => {}
                }
            }
        }
        self.release().await;
    }
}
