from django.db import models

from opencomp.claims import lifecycle


class ClaimStatus(models.TextChoices):
    REPORTED = lifecycle.REPORTED, "Reported"
    UNDER_INVESTIGATION = lifecycle.UNDER_INVESTIGATION, "Under investigation"
    ACCEPTED = lifecycle.ACCEPTED, "Accepted"
    PROVISIONALLY_ACCEPTED = lifecycle.PROVISIONALLY_ACCEPTED, "Provisionally accepted"
    DENIED = lifecycle.DENIED, "Denied"
    REASONABLE_EXCUSE = lifecycle.REASONABLE_EXCUSE, "Reasonable excuse"
    OPEN = lifecycle.OPEN, "Open"
    CLOSED = lifecycle.CLOSED, "Closed"
    FINALISED = lifecycle.FINALISED, "Finalised"
    REOPENED = lifecycle.REOPENED, "Reopened"


class ClaimType(models.TextChoices):
    MEDICAL_ONLY = "medical_only", "Medical only"
    LOST_TIME = "lost_time", "Lost time"


class EventKind(models.TextChoices):
    CLAIM_CREATED = "claim.created", "Claim created"
    STATUS_CHANGED = "claim.status_changed", "Status changed"
    LIABILITY_DECIDED = "liability.decided", "Liability decided"
    ASSIGNED = "claim.assigned", "Assigned"
    DETAILS_CORRECTED = "claim.details_corrected", "Details corrected"
    PARTICIPANT_ADDED = "claim.participant_added", "Participant added"
    ACTIVITY_LOGGED = "activity.logged", "Activity"
    NOTE_ADDED = "note.added", "Note"
    MEDICAL_NOTE = "medical.note_recorded", "Medical note"
    # Facts the statutory clocks start and stop on (rule packs, issue 3).
    NOTICE_SENT = "notice.sent", "Notice sent"
    REPORT_FILED = "report.filed", "Report filed"
    REQUEST_RECEIVED = "request.received", "Request received"
    REQUEST_ACKNOWLEDGED = "request.acknowledged", "Request acknowledged"
    REQUEST_DECIDED = "request.decided", "Request decided"
    REQUEST_COMPLETED = "request.completed", "Request completed"
    SCHEDULE_RECORDED = "schedule.recorded", "Date scheduled"
    WORK_STATUS_RECORDED = "work_status.recorded", "Work status recorded"
    MILESTONE_RECORDED = "milestone.recorded", "Milestone"
    INDEMNITY_COMMENCED = "indemnity.commenced", "Weekly payments commenced"
    TEST_RECORDED = "drug_alcohol_test.recorded", "Drug and alcohol test recorded"
    # The adjuster's diary.
    OBLIGATION_WAIVED = "obligation.waived", "Obligation waived"
    OBLIGATION_ESCALATED = "obligation.escalated", "Obligation escalated"
    DIARY_ENTRY_ADDED = "diary.entry_added", "Diary entry"
    DIARY_ENTRY_COMPLETED = "diary.entry_completed", "Diary entry done"
    INFO_REQUESTED = "info.requested", "Information requested"
    INFO_RECEIVED = "info.received", "Information received"
    # Benefits (written by opencomp.benefits.services).
    WAGE_STATEMENT_RECORDED = "wage.statement_recorded", "Wage statement recorded"
    BENEFIT_RATE_DECIDED = "benefit.rate_decided", "Benefit rate decided"
    BENEFIT_PERIOD_PAID = "benefit.period_paid", "Benefit period paid"
    # Claim financials (the ledger).
    RESERVE_CHANGED = "reserve.changed", "Reserve changed"
    PAYMENT_ISSUED = "payment.issued", "Payment issued"
    PAYMENT_VOIDED = "payment.voided", "Payment voided"
    RECOVERY_RECORDED = "recovery.recorded", "Recovery recorded"
    REPAYMENT_PLAN_AGREED = "repayment_plan.agreed", "Repayment plan agreed"
    APPROVAL_REQUESTED = "approval.requested", "Approval requested"
    APPROVAL_DECIDED = "approval.decided", "Approval decided"
    BANK_DETAILS_CHANGED = "bank_details.changed", "Bank details changed"
    # Recurring indemnity and what stops it.
    PAYMENT_SCHEDULE_STARTED = "payment_schedule.started", "Payment schedule started"
    PAYMENT_SCHEDULE_STOPPED = "payment_schedule.stopped", "Payment schedule stopped"
    INDEMNITY_SUSPENDED = "indemnity.suspended", "Weekly payments suspended"
    MMI_RECORDED = "mmi.recorded", "Maximum medical improvement recorded"
    # Provider invoices.
    INVOICE_RECEIVED = "invoice.received", "Provider invoice received"
    INVOICE_REVIEWED = "invoice.reviewed", "Provider invoice reviewed"
    INVOICE_DECIDED = "invoice.decided", "Provider invoice decided"
    INVOICE_PAID = "invoice.paid", "Provider invoice paid"
    # Employers' wage reimbursement schedules (seed 004).
    WAGE_REIMBURSEMENT_SUBMITTED = "wage_reimbursement.submitted", "Wage reimbursement schedule submitted"
    WAGE_REIMBURSEMENT_DECIDED = "wage_reimbursement.decided", "Wage reimbursement schedule decided"
    WAGE_REIMBURSEMENT_REIMBURSED = "wage_reimbursement.reimbursed", "Employer reimbursed"
    # Claim documents (written by opencomp.documents.services).
    DOCUMENT_UPLOADED = "document.uploaded", "Document uploaded"
    DOCUMENT_RECLASSIFIED = "document.reclassified", "Document reclassified"
    # The worker's consent and the disclosures made under it (written by opencomp.consent.services).
    CONSENT_GIVEN = "consent.given", "Consent given"
    CONSENT_WITHDRAWN = "consent.withdrawn", "Consent withdrawn"
    INFORMATION_DISCLOSED = "information.disclosed", "Information disclosed"
    # Disputes, internal review, hearings and settlement offers (written by opencomp.disputes).
    DISPUTE_RAISED = "dispute.raised", "Dispute raised"
    DISPUTE_REVIEW_STARTED = "dispute.review_started", "Internal review started"
    DISPUTE_REVIEWED = "dispute.reviewed", "Internal review decided"
    DISPUTE_ESCALATED = "dispute.escalated", "Dispute escalated externally"
    DISPUTE_RESOLVED = "dispute.resolved", "Dispute resolved"
    DISPUTE_WITHDRAWN = "dispute.withdrawn", "Dispute withdrawn"
    HEARING_SCHEDULED = "hearing.scheduled", "Hearing scheduled"
    HEARING_ADJOURNED = "hearing.adjourned", "Hearing adjourned"
    HEARING_CANCELLED = "hearing.cancelled", "Hearing cancelled"
    HEARING_HELD = "hearing.held", "Hearing held"
    HEARING_ORDER_RECORDED = "hearing.order_recorded", "Order to carry out"
    HEARING_ORDER_COMPLIED = "hearing.order_complied", "Order carried out"
    SETTLEMENT_DRAFTED = "settlement.drafted", "Settlement offer drafted"
    SETTLEMENT_APPROVAL_DECIDED = "settlement.approval_decided", "Settlement offer approval decided"
    SETTLEMENT_OFFERED = "settlement.offered", "Settlement offer made"
    SETTLEMENT_RESPONDED = "settlement.responded", "Settlement offer answered"
    SETTLEMENT_WITHDRAWN = "settlement.withdrawn", "Settlement offer withdrawn"
    # Complaints about the claims process (written by opencomp.complaints.services; seed 004 section 8).
    COMPLAINT_RECEIVED = "complaint.received", "Complaint received"
    COMPLAINT_CONTACTED = "complaint.contacted", "Complaint progress contact"
    COMPLAINT_STAGE_1_DECIDED = "complaint.stage_1_decided", "Complaint stage 1 outcome"
    COMPLAINT_ESCALATED = "complaint.escalated", "Complaint escalated to stage 2"
    COMPLAINT_FINAL_DECIDED = "complaint.final_decided", "Complaint final decision (stage 2)"
    COMPLAINT_REFERRED = "complaint.referred", "Complaint referred externally (stage 3)"
    # Finalisation and reopening (written by opencomp.finalisation.services).
    CLOSURE_INTENTION_ADVISED = "closure.intention_advised", "Intention to close advised"
    CLAIM_FINALISED = "claim.finalisation_recorded", "Claim closed with a finalisation reason"
    CLAIM_REOPENED = "claim.reopening_recorded", "Claim reopened (recurrence, aggravation…)"
    RECURRENCE_DETERMINED = "recurrence.determined", "Recurrence or aggravation determined"
    # Risk triage (written by opencomp.triage.services; seed 004).
    TRIAGE_RECORDED = "triage.recorded", "Risk triage recorded"
    # OSHA recordkeeping (written by opencomp.osha.services for a case that comes from a claim).
    OSHA_CASE_RECORDED = "osha.case_recorded", "OSHA case recorded"
    # Modified duty and return to work (written by opencomp.rtw.services).
    MODIFIED_DUTY_OFFERED = "modified_duty.offered", "Modified duty offered"
    MODIFIED_DUTY_RESPONDED = "modified_duty.responded", "Modified duty offer answered"
    MODIFIED_DUTY_EXTENDED = "modified_duty.extended", "Modified duty extended"
    DUTY_SEARCH_RECORDED = "duty_search.recorded", "Less arduous duty search"
    # Physicians and examinations (written by opencomp.physicians.services; issue 7 item 3).
    TREATING_DOCTOR_CHANGED = "treating_doctor.changed", "Treating doctor designated or changed"
    IMPAIRMENT_RATED = "impairment.rated", "Permanent impairment rated"
    IME_OUTCOME_RECORDED = "ime.outcome_recorded", "IME attended, missed or cancelled"
    IMC_REFERRED = "imc.referred", "Referred to an injury management consultant"
    IMC_OUTCOME_RECORDED = "imc.outcome_recorded", "Injury management consultant's outcome"


class Sensitivity(models.TextChoices):
    NORMAL = "normal", "Normal"
    MEDICAL = "medical", "Medical"
    RESTRICTED_MEDICAL = "restricted_medical", "Restricted medical"


class ActivityChannel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    PORTAL = "portal", "Portal"
    FAX = "fax", "Fax"
    SMS = "sms", "SMS"


class ActivityDirection(models.TextChoices):
    INBOUND = "inbound", "Inbound"
    OUTBOUND = "outbound", "Outbound"
    INTERNAL = "internal", "Internal"


class ActivityParty(models.TextChoices):
    WORKER = "worker", "Worker"
    EMPLOYER = "employer", "Employer"
    PROVIDER = "provider", "Treating provider"
    ATTORNEY = "attorney", "Attorney"
    REGULATOR = "regulator", "Regulator"
    INSURER = "insurer", "Insurer / TPA"
    FAMILY = "family", "Family / dependants"
    OTHER = "other", "Other"


class ParticipantRole(models.TextChoices):
    TREATING_DOCTOR = "treating_doctor", "Treating doctor"
    TREATING_FACILITY = "treating_facility", "Treating facility"
    REHABILITATION = "rehabilitation", "Rehabilitation provider"
    IME = "ime", "Independent medical examiner"
    WORKER_ATTORNEY = "worker_attorney", "Worker's attorney"
    DEFENSE_ATTORNEY = "defense_attorney", "Defense attorney"


class NoticeType(models.TextChoices):
    """Written notices whose sending a rule waits for."""

    LIABILITY_DECISION = "liability_decision", "Liability decision"
    REASONABLE_EXCUSE = "reasonable_excuse", "Reasonable excuse"
    DISPUTE = "dispute", "Dispute notice (s 78)"
    TREATMENT_DECISION = "treatment_decision", "Treatment decision"
    MODIFIED_DUTY_OFFER = "modified_duty_offer", "Modified duty offer"
    STEP_DOWN = "step_down", "Step-down in weekly payments"
    IME_APPOINTMENT = "ime_appointment", "IME appointment"
    INVESTIGATION_INTERVIEW = "investigation_interview", "Factual investigation interview"
    INTERVIEW_STATEMENT = "interview_statement", "Copy of interview statement"
    IMPAIRMENT_EVIDENCE = "impairment_evidence", "Reports before impairment negotiation"
    CESSATION = "cessation", "Cessation of payments or treatment"
    DIRECT_PAYMENTS = "direct_payments", "Direct payments to the worker"
    PAYMENT_DELAY = "payment_delay", "Delay in reimbursement"
    RECURRENCE_DECISION = "recurrence_decision", "Recurrence or aggravation decision"
    CLAIM_CLOSURE = "claim_closure", "Claim closure confirmation"
    DEATH_LIABILITY = "death_liability", "Death claim liability decision"
    FINAL_ADMISSION = "final_admission", "Final admission of liability (FAL)"
    # Plans and work capacity decisions (opencomp.plans).
    INJURY_MANAGEMENT_PLAN = "injury_management_plan", "Injury management plan"
    WORK_CAPACITY_DECISION = "work_capacity_decision", "Work capacity decision notice (s 78)"
    RTW_PLAN = "rtw_plan", "Return-to-work plan"
    OTHER = "other", "Other"


class ReportType(models.TextChoices):
    FIRST_REPORT_OF_INJURY = "first_report_of_injury", "First report of injury (to the regulator)"


class RequestSubject(models.TextChoices):
    """Requests and documents received that start a clock."""

    TREATMENT = "treatment", "Treatment or medical service"
    PIAWE_INFORMATION = "piawe_information", "All PIAWE information"
    WAGE_REIMBURSEMENT = "wage_reimbursement", "Wage reimbursement schedule"
    INVOICE = "invoice", "Provider invoice"
    PHYSICIAN_CHANGE = "physician_change", "Change of physician"
    PERSONAL_INFORMATION = "personal_information", "Access to personal information"
    CONSEQUENTIAL_CONDITION = "consequential_condition", "Certificate naming a new condition"


class RequestDecision(models.TextChoices):
    APPROVED = "approved", "Approved"
    PARTLY_APPROVED = "partly_approved", "Partly approved"
    DECLINED = "declined", "Declined"


class ScheduleSubject(models.TextChoices):
    """Future dates a rule counts back from."""

    STEP_DOWN = "step_down", "Step-down in weekly payments"
    IME = "ime", "Independent medical examination"
    INVESTIGATION_INTERVIEW = "investigation_interview", "Factual investigation interview"
    IMPAIRMENT_NEGOTIATION = "impairment_negotiation", "Impairment negotiation"
    CESSATION = "cessation", "Cessation of payments or treatment (s 39, s 59A, retirement)"


class WorkCapacity(models.TextChoices):
    FULL = "full", "Fit for pre-injury duties"
    PARTIAL = "partial", "Fit for modified duties (restrictions)"
    NONE = "none", "No capacity for work"


class Milestone(models.TextChoices):
    INJURY_PLAN_ISSUED = "injury_plan_issued", "Injury management plan issued or reviewed"
    RECOVERY_SCREEN = "recovery_screen", "Screened for recoveries"
    INVESTIGATION_STARTED = "investigation_started", "Investigation started"
    PIAWE_RECALCULATED = "piawe_recalculated", "PIAWE recalculated"
    PIAWE_ADJUSTMENT_PAID = "piawe_adjustment_paid", "PIAWE adjustment paid"
    WORK_CAPACITY_DECISION = "work_capacity_decision", "Work capacity decision"
    MODIFIED_DUTY_STARTED = "modified_duty_started", "Modified duty started"
    MODIFIED_DUTY_REVIEWED = "modified_duty_reviewed", "Modified duty reviewed"
    MODIFIED_DUTY_ENDED = "modified_duty_ended", "Modified duty ended"
    # Plans (opencomp.plans).
    RTW_PLAN_ISSUED = "rtw_plan_issued", "Return-to-work plan issued or revised"
    RTW_PLAN_SIGNED = "rtw_plan_signed", "Return-to-work plan signed off"
