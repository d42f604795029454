"""Satisfaction figures of a period: average score per criterion and the spread of overall scores."""

from sqlalchemy import and_, func, or_, select

from ...extensions import db
from ...models import Rating
from ...models.outreach import RATING_CRITERIA
from .dossiers import scope


def rating_figures(period, point_id=None):
    first, after = period.utc_bounds()
    in_period = scope(
        and_(Rating.created_at >= first, Rating.created_at < after, Rating.status != "rejected"),
        Rating.point_id,
        point_id,
    )
    columns = []
    for name in RATING_CRITERIA:
        column = getattr(Rating, name)
        columns += [func.count(column), func.avg(column)]
    row = db.session.execute(select(*columns).where(in_period)).one()
    criteria = {}
    for index, name in enumerate(RATING_CRITERIA):
        count, average = row[2 * index], row[2 * index + 1]
        criteria[name] = {
            "count": int(count or 0),
            "average": float(average) if average is not None else None,
        }
    spread = dict(
        db.session.execute(
            select(Rating.overall, func.count()).where(in_period).group_by(Rating.overall)
        ).all()
    )
    # How many times residents came for one matter: a count asked since 0017 (the 1-5 "visits"
    # score above keeps the figures of ratings given before).
    trips_count, trips_average = db.session.execute(
        select(func.count(Rating.trips), func.avg(Rating.trips)).where(in_period)
    ).one()
    # Ratings given for a real ticket or dossier; the others come from the open form, whose
    # verification code only slows scripts down (README, Security).
    tied = db.session.execute(
        select(func.count()).where(
            in_period, or_(Rating.ticket_ref.is_not(None), Rating.dossier_ref.is_not(None))
        )
    ).scalar()
    return {
        "count": criteria["overall"]["count"],
        "tied": int(tied or 0),
        "criteria": criteria,
        "trips": {
            "count": int(trips_count or 0),
            "average": float(trips_average) if trips_average is not None else None,
        },
        "spread": {score: spread.get(score, 0) for score in range(1, 6)},
    }
