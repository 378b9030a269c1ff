"""Decisions from data, with no markup: eligibility, the estimator, duty schedules, typed-figure detection."""
