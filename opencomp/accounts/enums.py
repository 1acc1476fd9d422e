from django.db import models


class OrganisationKind(models.TextChoices):
    INSURER = "insurer", "Insurer"
    TPA = "tpa", "Third-party administrator"
    SELF_INSURED_EMPLOYER = "self_insured_employer", "Self-insured employer"
    POOL = "pool", "Self-insurance pool"
    POOL_MEMBER = "pool_member", "Pool member"
    EMPLOYER = "employer", "Insured employer"
    REGULATOR = "regulator", "Regulator"

    @classmethod
    def employer_kinds(cls) -> list[str]:
        """Kinds that employ workers and can be the employer on a claim."""
        return [cls.SELF_INSURED_EMPLOYER, cls.POOL_MEMBER, cls.EMPLOYER]

    @classmethod
    def administrator_kinds(cls) -> list[str]:
        """Kinds that administer (adjust) claims."""
        return [cls.INSURER, cls.TPA, cls.SELF_INSURED_EMPLOYER, cls.POOL]


class EmployerPolicy(models.TextChoices):
    """An employer's own programs that add clocks to its claims (rule-pack ``employer_policies``)."""

    POST_ACCIDENT_TESTING = "post_accident_testing", "Post-accident drug and alcohol testing (8 h / 32 h)"
    MODIFIED_DUTY_PROGRAM = "modified_duty_program", "Modified duty offer letter within 5 business days"
    LIGHT_DUTY_REVIEW = "light_duty_review", "Light duty reviewed at least every 30 days"


class Role(models.TextChoices):
    ADJUSTER = "adjuster", "Claims adjuster"
    SUPERVISOR = "supervisor", "Claims supervisor"
    EMPLOYER_SUPERVISOR = "employer_supervisor", "Employer supervisor"
    EMPLOYER_COORDINATOR = "employer_coordinator", "Employer WC / RTW coordinator"
    WORKER = "worker", "Injured worker"
    PROVIDER = "provider", "Treating provider"
    COMPLIANCE_OFFICER = "compliance_officer", "Compliance officer (regulator)"
    POOL_ADMINISTRATOR = "pool_administrator", "Pool administrator"
    AUDITOR = "auditor", "Read-only auditor"
    ADMIN = "admin", "System administrator"

    @classmethod
    def claims_staff(cls) -> frozenset[str]:
        """Roles that handle claims for the administering organisation."""
        return frozenset({cls.ADJUSTER, cls.SUPERVISOR, cls.ADMIN})

    @classmethod
    def employer_roles(cls) -> frozenset[str]:
        return frozenset({cls.EMPLOYER_SUPERVISOR, cls.EMPLOYER_COORDINATOR})
