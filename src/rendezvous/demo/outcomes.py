"""The demo edition's outcome document: the Hainan Initiative, adopted at the closing on 24 November 2022.

The text is the annex of A/AC.105/1294 (seeds/report-A-AC.105-1294.txt), paragraph for paragraph. Two departures
from the seed's text extraction, both artefacts of the PDF-to-text conversion and not of the document:
- operative paragraph 1 had the page header "A/AC.105/1294   V.23-06731 12/12" inlined after "Sustainable
  Development,"; it is removed;
- the last operative paragraph ends with ";" in the extraction; UN editorial style closes the operative part with a
  full stop, so it ends with "." here.
The seed has 11 preambular paragraphs, the chapeau and seven operative paragraphs.
"""

# The paragraphs are quoted verbatim, one string each, so that they can be compared with the seed line by line.
# ruff: noqa: E501

import datetime

from rendezvous.outcomes.models import OutcomeDocument, ParagraphKind
from rendezvous.outcomes.services import import_adopted_document

TITLE = "Hainan Initiative"
SUBTITLE = "Outcome document of the United Nations/China Second Global Partnership Workshop on Space Exploration and Innovation"
ADOPTED_ON = datetime.date(2022, 11, 24)


PREAMBULAR = [
    "Expressing their appreciation to the Office for Outer Space Affairs and the China National Space Administration for having organized the Workshop, in cooperation with the People’s Government of Hainan Province,",
    "Noting with appreciation the Action Statement for establishing a new global partnership in space exploration and innovation that was issued by the China National Space Administration,",
    "Noting with appreciation also the invitation extended to the world space community by the People’s Government of Hainan Province to participate in the activities of Wenchang International Aerospace City,",
    "Recalling that UNISPACE+50 is a milestone opportunity to further demonstrate the broad societal benefits of space as an area of innovation, inspiration, interconnectedness, integration and investment, and to strengthen unified efforts at all levels and among all relevant stakeholders of the space sector in addressing the overarching long-term development concerns of society with concrete deliverables pertaining to space for development,",
    "Recalling also that global partnership in space exploration and innovation is the first of seven thematic priorities endorsed by the Committee on the Peaceful Uses of Outer Space,",
    "Recalling further that the United Nations/Jordan Workshop on Global Partnership in Space Exploration and Innovation, held in Amman in 2019, was the first workshop of its kind, and that it included both capacity-building and strategic components,",
    "Noting with appreciation that the Committee had developed, on the basis of the results of the UNISPACE+50 process, a “Space2030” Agenda and an implementation plan, which were adopted by the General Assembly at its seventy-sixth session, in 2021,",
    "Noting with appreciation also that building partnerships and strengthening international cooperation in the peaceful uses of outer space and global governance of outer space activities is the fourth overarching objective of the “Space2030” Agenda,",
    "Reaffirming the contribution of space activities and space tools to the attainment of the Sustainable Development Goals and the achievement of global agendas with a view to ensuring the long-term sustainable development concerns of humankind,",
    "Recognizing that partnerships in space activities at the national, regional and international levels, and capacity-building and technology transfer are indispensable for the realization of the common objective of the exploration and use of outer space, and the importance of contributions by all relevant actors, including non-governmental organizations and the private sector,",
    "Acknowledging that the Workshop has constituted an important opportunity to forge partnerships, and encourage the participation of developing countries, building upon the long-standing activities of the Office for Outer Space Affairs in advancing international cooperation in the exploration and peaceful uses of outer space,",
]


CHAPEAU = "The participants in the Workshop:"


OPERATIVE = [
    "Are convinced that space science, technology and applications offer indispensable tools for comprehensive efforts at the national, regional and international levels for implementing the 2030 Agenda for Sustainable Development, whereby space exploration and innovation will benefit humanity with its scientific, technological, economic and inspirational contributions;",
    "Emphasize that, in promoting space exploration and innovation, global partnerships will gain importance and cooperation among Member States, United Nations entities, intergovernmental and non-governmental organizations, industry and private-sector entities will be strengthened, to ensure that, through joint efforts and by taking advantage of the practical experiences and contributions of different stakeholders, access to peaceful exploration and use of space will be available to everyone;",
    "Affirm that the Workshop provided an information hub that enabled Member States to share their space exploration programmes and cultivate additional regional and international cooperation programmes;",
    "Note the legal challenges raised by the emergence of new technologies and space actors that were well presented, and that the discussion on long-term sustainability of outer space activities raised awareness that capacity-building and technical legal assistance are essential to overcoming those challenges;",
    "Assert that global joint efforts and deeper cooperation among all space actors are required for the realization of sustainable space exploration;",
    "Reaffirm the importance of exchanging space science data and enhancing capacity-building, education and training in space science and applications, in particular for developing countries;",
    "Encourage further work to connect stakeholders to promote international space exploration programmes based on equality and reciprocity, peaceful use, openness, inclusiveness for the benefit of humankind, and to hold a third workshop on global partnership in a timely manner.",
]


def paragraphs() -> list[tuple[str, str]]:
    return (
        [(ParagraphKind.PREAMBULAR, text) for text in PREAMBULAR]
        + [(ParagraphKind.CHAPEAU, CHAPEAU)]
        + [(ParagraphKind.OPERATIVE, text) for text in OPERATIVE]
    )


def load(edition) -> OutcomeDocument:
    """Give `edition` the adopted Hainan Initiative; running it again changes nothing."""
    return import_adopted_document(
        edition,
        title=TITLE,
        subtitle=SUBTITLE,
        paragraphs=paragraphs(),
        adopted_on=ADOPTED_ON,
        note="Text as adopted at the closing ceremony (A/AC.105/1294, annex)",
    )
