"""The demo data: the workshop series and its two editions as the official report A/AC.105/1294 describes them.

Plain data only (the loader is `loader.py`). Titles and abstracts paraphrase the report's own words. Where the
report names no person, the speaker is the organisation; where it names neither, a contribution has no speaker and
says so. The only people are those the report names as speakers. Times are a plausible timetable in the edition's
zone (the report gives no times); days count from 1 = Monday 21 November 2022.
"""

SERIES = {
    "slug": "global-partnership-workshop",
    "name": "Global Partnership Workshop on Space Exploration and Innovation",
    "description": (
        "Workshops under thematic priority 1 of UNISPACE+50, \u201cGlobal partnership in space exploration and "
        "innovation\u201d, endorsed by the Committee on the Peaceful Uses of Outer Space in 2016: a platform for "
        "governments, space agencies, research institutions, academia and the private sector to exchange space "
        "exploration and innovation plans, strategies, innovations and legal and policy practices."
    ),
}

# Keys are handles used in this file only; `name` is the natural key in the database.
ORGANISATIONS = {
    # Organisers and hosts
    "UNOOSA": {"name": "Office for Outer Space Affairs", "acronym": "UNOOSA", "type": "intergovernmental"},
    "RCSSTEWA": {
        "name": "Regional Centre for Space Science and Technology Education for Western Asia",
        "acronym": "RCSSTEWA",
        "type": "intergovernmental",
        "country": "JO",
    },
    "HAINAN": {"name": "People\u2019s Government of Hainan Province", "type": "government", "country": "CN"},
    # The 12 space agencies of the attendance paragraph
    "CONAE": {
        "name": "National Commission on Space Activities",
        "acronym": "CONAE",
        "type": "space_agency",
        "country": "AR",
    },
    "CNSA": {
        "name": "China National Space Administration",
        "acronym": "CNSA",
        "type": "space_agency",
        "country": "CN",
    },
    "EGSA": {"name": "Egyptian Space Agency", "acronym": "EgSA", "type": "space_agency", "country": "EG"},
    "CNES": {"name": "National Centre for Space Studies", "acronym": "CNES", "type": "space_agency", "country": "FR"},
    "KARI": {
        "name": "Korea Aerospace Research Institute",
        "acronym": "KARI",
        "type": "space_agency",
        "country": "KR",
    },
    "NASRDA": {
        "name": "National Space Research and Development Agency",
        "acronym": "NASRDA",
        "type": "space_agency",
        "country": "NG",
    },
    "SUPARCO": {
        "name": "Pakistan Space and Upper Atmosphere Research Commission",
        "acronym": "SUPARCO",
        "type": "space_agency",
        "country": "PK",
    },
    "ROSCOSMOS": {
        "name": "State Space Corporation ROSCOSMOS",
        "acronym": "ROSCOSMOS",
        "type": "space_agency",
        "country": "RU",
    },
    "TUA": {"name": "Turkish Space Agency", "acronym": "TUA", "type": "space_agency", "country": "TR"},
    "NASA": {
        "name": "National Aeronautics and Space Administration",
        "acronym": "NASA",
        "type": "space_agency",
        "country": "US",
    },
    "ABAE": {
        "name": "Bolivarian Agency for Space Activities",
        "acronym": "ABAE",
        "type": "space_agency",
        "country": "VE",
    },
    "ESA": {"name": "European Space Agency", "acronym": "ESA", "type": "space_agency"},
    # The international organizations of the attendance paragraph
    "APSCO": {"name": "Asia-Pacific Space Cooperation Organization", "acronym": "APSCO", "type": "intergovernmental"},
    "COSPAR": {"name": "Committee on Space Research", "acronym": "COSPAR", "type": "ngo"},
    "RCSSTEAP": {
        "name": "Regional Centre for Space Science and Technology Education in Asia and the Pacific (China)",
        "acronym": "RCSSTEAP",
        "type": "intergovernmental",
        "country": "CN",
    },
    "SWF": {"name": "Secure World Foundation", "acronym": "SWF", "type": "ngo", "country": "US"},
    "SGAC": {"name": "Space Generation Advisory Council", "acronym": "SGAC", "type": "ngo"},
    # Opening ceremony
    "STATE_COUNCIL": {"name": "State Council of China", "type": "government", "country": "CN"},
    "HAINAN_COMMITTEE": {
        "name": "Hainan Provincial Committee of the Communist Party of China",
        "type": "government",
        "country": "CN",
    },
    # Session 1(b)
    "MELBOURNE": {"name": "University of Melbourne Medical School", "type": "academia", "country": "AU"},
    # The report does not say where SpaceLand is based.
    "SPACELAND": {"name": "SpaceLand", "type": "industry"},
    "HYDROMARS": {"name": "Hydromars AB", "type": "industry", "country": "SE"},
    "LISBON": {"name": "University of Lisbon", "type": "academia", "country": "PT"},
    "OPEN_LUNAR": {"name": "Open Lunar Foundation", "type": "ngo", "country": "US"},
    # Session 2 and the panel
    "KEIO": {"name": "Keio University Law School", "type": "academia", "country": "JP"},
    # The report does not say where the Space Treaty Project is based.
    "SPACE_TREATY": {"name": "Space Treaty Project", "type": "ngo"},
    "ECSL": {"name": "European Centre for Space Law", "acronym": "ECSL", "type": "intergovernmental"},
    "CNSA_LAW": {"name": "Space Law Centre of CNSA", "type": "academia", "country": "CN"},
    "EPFL": {
        "name": "Federal Institute of Technology in Lausanne",
        "acronym": "EPFL",
        "type": "academia",
        "country": "CH",
    },
    "LEIDEN": {"name": "Leiden University", "type": "academia", "country": "NL"},
    "CISL": {"name": "China Institute of Space Law", "type": "ngo", "country": "CN"},
    # Session 3
    "KELDYSH": {
        "name": "Keldysh Institute of Applied Mathematics of the Russian Academy of Sciences",
        "type": "academia",
        "country": "RU",
    },
    "THALES": {"name": "Thales Services", "type": "industry", "country": "FR"},
    "CNSA_EODC": {"name": "Earth Observation and Data Centre of CNSA", "type": "government", "country": "CN"},
    "DSEL": {"name": "Deep Space Exploration Laboratory", "type": "academia", "country": "CN"},
    "POLIMI": {"name": "Polytechnic University of Milan", "type": "academia", "country": "IT"},
    "INTA": {
        "name": "National Institute for Aerospace Technology",
        "acronym": "INTA",
        "type": "government",
        "country": "ES",
    },
    # Session 4
    "INFN": {"name": "National Institute for Nuclear Physics", "acronym": "INFN", "type": "academia", "country": "IT"},
    "CAST": {"name": "China Academy of Space Technology", "acronym": "CAST", "type": "industry", "country": "CN"},
    "INPE": {"name": "National Institute for Space Research", "acronym": "INPE", "type": "academia", "country": "BR"},
    "IKI": {
        "name": "Space Research Institute of the Russian Academy of Sciences",
        "acronym": "IKI RAS",
        "type": "academia",
        "country": "RU",
    },
    "NSSC": {
        "name": "National Space Science Centre of the Chinese Academy of Sciences",
        "acronym": "NSSC",
        "type": "academia",
        "country": "CN",
    },
    # Side events and closing
    "HOPE": {"name": "Hyperspace Opportunity for Pioneering Education", "acronym": "HOPE", "type": "other"},
    "WENCHANG": {"name": "Wenchang International Aerospace City", "type": "government", "country": "CN"},
}

# Exactly the people the report names as speakers. Liu He is written family name first, as the report does.
PEOPLE = {
    "LIU_HE": {
        "given_name": "Liu He",
        "family_name": "",
        "position": "Vice Premier",
        "organisation": "STATE_COUNCIL",
        "country": "CN",
    },
    "WANG_YAPING": {
        "given_name": "Yaping",
        "family_name": "Wang",
        "position": "Astronaut",
        "country": "CN",
        "gender": "female",
    },
    "KIKINA": {
        "given_name": "Anna",
        "family_name": "Kikina",
        "position": "Cosmonaut",
        "country": "RU",
        "gender": "female",
    },
}

AMMAN_2019 = {
    "slug": "amman-2019",
    "number": 1,
    "title": "United Nations/Jordan Workshop on Global Partnership in Space Exploration and Innovation",
    "short_title": "Global Partnership Workshop 2019",
    "start_date": "2019-03-25",
    "end_date": "2019-03-28",
    "timezone": "Asia/Amman",
    "format": "in_person",
    "status": "archived",
    "city": "Amman",
    "country": "JO",
    "document_symbol": "A/AC.105/1208",
    "summary": (
        "The first workshop in the series, held in Amman from 25 to 28 March 2019. It built on the "
        "intergovernmental work of the Action Team on Exploration and Innovation and included cross-sectoral, "
        "capacity-building and strategic components."
    ),
    "organisers": [("UNOOSA", "organiser"), ("RCSSTEWA", "organiser")],
}

ONLINE_MEETING_URL = "https://zoom.example.org/j/2022112124"

HAIKOU_2022 = {
    "slug": "haikou-2022",
    "number": 2,
    "title": "United Nations/China Second Global Partnership Workshop on Space Exploration and Innovation",
    "short_title": "Global Partnership Workshop 2022",
    "start_date": "2022-11-21",
    "end_date": "2022-11-24",
    "timezone": "Asia/Shanghai",
    # A made-up secretariat address: applicants on the invitation-only route are told to write here.
    "contact_email": "secretariat@rendezvous.localhost",
    "format": "hybrid",
    "working_languages": "English",
    "status": "published",
    "city": "Haikou",
    "country": "CN",
    "document_symbol": "A/AC.105/1294",
    "online_platform": "Zoom",
    "online_meeting_url": ONLINE_MEETING_URL,
    "summary": (
        "The second workshop in the series builds a platform for governments, space agencies, research "
        "institutions, academia and the private sector to exchange space exploration and innovation plans, "
        "strategies, scientific and technical innovations and legal and policy practices, and to establish an "
        "innovative space partnership that gives the space community a breeding ground for future collaborations."
    ),
    "objectives": (
        "(a) Raise awareness of space exploration and innovation as essential drivers for opening up new domains in "
        "space science and technology, triggering new partnerships and developing capabilities that can create new "
        "opportunities for addressing global challenges;\n"
        "(b) Build capacity in space exploration and innovation, with an emphasis on science, technology, "
        "engineering and mathematics (STEM subjects), as recommended by the Action Team on Exploration and "
        "Innovation;\n"
        "(c) Promote cooperation between spacefaring nations and emerging spacefaring nations;\n"
        "(d) Allow space exploration activities to become open and inclusive on a global scale."
    ),
    "how_to_take_part": (
        "The workshop is hybrid: participants based in China attend in person at the main venue in Haikou, Hainan "
        "Province; participants based outside China take part online via Zoom. Participation is limited. Applicants "
        "based outside China register online; participants based inside China take part by invitation only. "
        "Speakers join by invitation and registration. The online link is shared with registered participants. "
        "The working language is English."
    ),
    "organisers": [("UNOOSA", "organiser"), ("CNSA", "organiser"), ("HAINAN", "host")],
}

VENUE = {
    "name": "Main venue, Haikou",
    "address": "Haikou, Hainan Province, China",
    "city": "Haikou",
    "country": "CN",
}
ROOMS = {"main": "Main hall", "side": "Side event room"}

# Shorthands for the programme below.
IN_PERSON, ONLINE, VIDEO = "in_person", "online_live", "pre_recorded"


def by(organisation, position=""):
    """A speaker known only by organisation (and position, where the report gives one)."""
    return {"organisation": organisation, "position": position}


def person(key, position=None):
    """A named speaker; the position defaults to the person's own."""
    speaker = {"person": key}
    if position is not None:
        speaker["position"] = position
    return speaker


def brk(slug, title, day, start, end):
    return {"slug": slug, "kind": "break", "title": title, "day": day, "start": start, "end": end, "room": None}


# Session 3 is one session in two parts in the report; it is modelled as two sessions, both coded "3", with the
# slugs session-3-part-one and session-3-part-two, so each part keeps its own time and speakers.
SESSIONS = [
    # --- Day 1: Monday 21 November 2022 ---
    {
        "slug": "opening-ceremony",
        "kind": "opening",
        "title": "Opening ceremony",
        "description": "Opening speeches, remarks and the keynote speech issuing China\u2019s action statement.",
        "day": 1,
        "start": "09:30",
        "end": "11:00",
        "room": "main",
        "contributions": [
            {
                "kind": "statement",
                "delivery": VIDEO,
                "title": "Congratulatory letter from the President of China, Xi Jinping",
                "abstract": (
                    "In a pre-recorded opening speech, the Vice Premier read a congratulatory letter stating that "
                    "space exploration was limitless and that China was willing to work with all countries to "
                    "strengthen exchanges and cooperation for the joint exploration and peaceful use of outer space, "
                    "promoting space technology for the benefit of the people of the world."
                ),
                "speakers": [person("LIU_HE")],
            },
            {
                "kind": "statement",
                "delivery": IN_PERSON,
                "title": "Opening remarks: an innovative space partnership in the framework of the United Nations",
                "abstract": (
                    "Space journeys can only be stable and far-reaching through the peaceful use and sustainable "
                    "development of outer space. CNSA is willing to work with the international community, with full "
                    "respect for the rights and interests of developing countries, so that the scientific rewards of "
                    "space exploration benefit all countries."
                ),
                "speakers": [by("CNSA", "Administrator")],
            },
            {
                "kind": "statement",
                "delivery": ONLINE,
                "title": "Opening remarks: a more inclusive and diverse space sector",
                "abstract": (
                    "The international space community must work hand in hand to make the space sector more inclusive "
                    "and diverse. In line with the \u201cSpace2030\u201d Agenda, the Office is pursuing new "
                    "partnerships to make the benefits of space universally accessible, for everyone, everywhere."
                ),
                "speakers": [by("UNOOSA", "Acting Director")],
            },
            {
                "kind": "statement",
                "delivery": IN_PERSON,
                "title": "Opening remarks: Hainan as a platform for international space cooperation",
                "abstract": (
                    "Hainan Province is willing to build an industrial basis for international cooperation in outer "
                    "space, a platform for communications in space sciences, techniques and applications and a bridge "
                    "between Chinese scientists and the world community."
                ),
                "speakers": [by("HAINAN_COMMITTEE", "Secretary")],
            },
            {
                "kind": "keynote",
                "delivery": IN_PERSON,
                "title": "Action statement on a new global partnership in space exploration and innovation",
                "abstract": (
                    "Keynote speech issuing an action statement on China\u2019s role in promoting a new global "
                    "partnership. Its core values: extensive consultation on global governance, action coordination, "
                    "deeper project cooperation, innovative development, shared scientific outcomes, diverse "
                    "participation, cooperation platforms and human security."
                ),
                "speakers": [by("CNSA", "Vice Administrator")],
            },
            {
                "kind": "statement",
                "delivery": ONLINE,
                "title": "The Office for Outer Space Affairs and global partnerships",
                "abstract": (
                    "The Office\u2019s prime responsibilities, as secretariat of the Committee on the Peaceful Uses "
                    "of Outer Space and in capacity-building; its projects for an inclusive space sector (Space4Women, "
                    "Space4Youth, Space for Persons with Disabilities, Space4Water, Access to Space for All); and "
                    "suggestions for global partnerships on an equal and mutually beneficial basis, with developing "
                    "countries taking part."
                ),
                "speakers": [by("UNOOSA", "Scientific Affairs Officer")],
            },
        ],
    },
    brk("coffee-break-day-1-morning", "Coffee break", 1, "11:00", "11:20"),
    {
        "slug": "setting-the-scene",
        "kind": "plenary",
        "title": "Setting the scene",
        "description": "The origins of the workshop series and the objectives of the second workshop.",
        "day": 1,
        "start": "11:20",
        "end": "12:00",
        "room": "main",
        "contributions": [
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Origins and objectives of the Global Partnership Workshop",
                "abstract": (
                    "The Action Team on Exploration and Innovation was established to promote global partnership in "
                    "space exploration and innovation. Building on the first workshop in Amman in 2019, the second "
                    "workshop facilitates cooperation, shares information on space programmes, builds transparency and "
                    "confidence and boosts the capacity of new and emerging space actors."
                ),
                "speakers": [by("UNOOSA")],
            }
        ],
    },
    brk("lunch-day-1", "Lunch", 1, "12:00", "14:00"),
    {
        "slug": "session-1a",
        "kind": "technical",
        "code": "1(a)",
        "title": "Space exploration and innovation: space agencies\u2019 perspective",
        "description": (
            "Eleven speakers representing nine space agencies present their exploration strategies. The heads of "
            "CNES, ROSCOSMOS and SUPARCO and the representatives of NASA, ESA and CONAE speak by pre-recorded video."
        ),
        "day": 1,
        "start": "14:00",
        "end": "16:00",
        "room": "main",
        "contributions": [
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "China\u2019s deep space exploration missions and future strategy",
                "abstract": (
                    "The fourth phase of the Chinese Lunar Exploration Programme: the Chang\u2019e-6, 7 and 8 missions "
                    "will build an unmanned lunar research station at the south pole of the Moon, and the "
                    "International Lunar Research Station programme welcomes global participants. Planetary missions, "
                    "including Mars sample return and the Icy Moon missions."
                ),
                # Three speakers from CNSA: with the other eight agencies' one each, the report's "Eleven speakers
                # representing nine space agencies" in session 1(a).
                "speakers": [by("CNSA", "Representative"), by("CNSA", "Representative"), by("CNSA", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": VIDEO,
                "title": "A turning point for space exploration: innovation, cooperation and sustainability",
                "abstract": (
                    "This decade marks a turning point for space exploration, with unpredictable opportunities, "
                    "benefits, challenges and risks; three key elements are innovation, cooperation and sustainability."
                ),
                "speakers": [by("CNES", "Head of agency")],
            },
            {
                "kind": "technical",
                "delivery": VIDEO,
                "title": "Lunar and deep space exploration endeavours of the Russian Federation",
                "abstract": (
                    "Endeavours by the Russian Federation to promote lunar and deep space exploration, and a "
                    "reaffirmed commitment to strengthening global partnerships in space exploration for the benefit "
                    "of the international community."
                ),
                "speakers": [by("ROSCOSMOS", "Head of agency")],
            },
            {
                "kind": "technical",
                "delivery": VIDEO,
                "title": "International cooperation as a goal of a modern space exploration programme",
                "abstract": (
                    "International cooperation must be explicitly incorporated as an aspect and goal of a modern space "
                    "exploration programme, to enable coordination before a new programme begins."
                ),
                "speakers": [by("SUPARCO", "Head of agency")],
            },
            {
                "kind": "technical",
                "delivery": VIDEO,
                "title": "Exploring the Moon and Mars: the Artemis programme",
                "abstract": (
                    "Artemis I, an uncrewed flight test; Artemis II, the first crewed flight test to the Moon since "
                    "Apollo; Artemis III, the first crew return to the lunar surface; Artemis IV, delivering the "
                    "International Habitat Module to the Gateway."
                ),
                "speakers": [by("NASA", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": VIDEO,
                "title": "Terrae Novae: the Argonaut lunar lander and the Rosalind Franklin Mars rover",
                "abstract": (
                    "Two key elements of the Terrae Novae programme, expected by the end of the decade; international "
                    "cooperation will be key to achieving them."
                ),
                "speakers": [by("ESA", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": VIDEO,
                "title": "CONAE\u2019s role in space exploration",
                "abstract": (
                    "Deep-space radio observation and space projects; cooperation in satellites and future "
                    "collaboration in instrument missions."
                ),
                "speakers": [by("CONAE", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "The Korea Pathfinder Lunar Orbiter and a future lunar lander",
                "abstract": (
                    "KARI\u2019s first space exploration mission, the concept of a lunar lander to be launched in the "
                    "next decade, and KARI\u2019s work in the Emerging Space Agency Working Group of the International "
                    "Space Exploration Coordination Group (ISECG)."
                ),
                "speakers": [by("KARI", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "National Robotic Space Exploration Programme",
                "abstract": (
                    "Plans for the next 10 years: a programme focused on swarm robotics, developing the national space "
                    "sector through five phases over 12 years."
                ),
                "speakers": [by("ABAE", "Representative")],
            },
        ],
    },
    brk("coffee-break-day-1-afternoon", "Coffee break", 1, "16:00", "16:20"),
    {
        "slug": "session-1b",
        "kind": "technical",
        "code": "1(b)",
        "title": "Space exploration and innovation: academia and industry\u2019s perspective",
        "description": (
            "Eleven speakers from academia, industry and international organizations on activities promoting "
            "participation and partnerships in space exploration and innovation."
        ),
        "day": 1,
        "start": "16:20",
        "end": "18:20",
        "room": "main",
        "contributions": [
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "A blueprint for airline-flight-mode aerospace transportation",
                "abstract": (
                    "Presented by speakers from China (the report names no organisation). Airline-flight-mode "
                    "aerospace transportation is expected to lower the threshold for space transportation and "
                    "facilitate space-transfer transportation."
                ),
                "speakers": [],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "An Earth-Moon communication-navigation system",
                "abstract": (
                    "Presented by speakers from China (the report names no organisation). An ambitious conception of "
                    "an Earth-Moon communication and navigation system, based on the Global Navigation Satellite "
                    "System (GNSS), to support near-Moon space missions."
                ),
                "speakers": [],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "A space health programme for medical students",
                "abstract": (
                    "A programme launched in Melbourne, Australia, giving medical students opportunities to learn "
                    "about human health in space and the importance of gravity in normal physiological homeostasis."
                ),
                "speakers": [by("MELBOURNE")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "The Mars 2026 programme",
                "abstract": "Exploring the role of the Asia-Pacific region in a crewed programme on Mars.",
                "speakers": [by("SGAC", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Novel Mars habitats and the first Mars-gravity research and educational flights",
                "abstract": (
                    "A joint initiative with the Centre for Space Exploration of the Ministry of Education of China. "
                    "Research activities and techniques that could help astronauts, as well as persons with "
                    "disabilities and the elderly, in their daily activities."
                ),
                "speakers": [by("SPACELAND")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Access to Space for All",
                "abstract": (
                    "An initiative helping everyone to access space technologies and applications, so that space "
                    "benefits are accessible, especially for developing nations and women, promoting gender equality "
                    "and encouraging youth to take part in space exploration and innovation missions."
                ),
                "speakers": [by("UNOOSA")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Water purification for crewed deep space exploration",
                "abstract": (
                    "A technology that turns any water resource into high-quality pure water through feed "
                    "evaporation, vapour permeation and permeating condensation, for human missions across space."
                ),
                "speakers": [by("HYDROMARS")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Mars In-Situ Resource Utilization: decomposing CO2 from the Martian atmosphere",
                "abstract": (
                    "The Mars In-Situ Resource Utilization (ISRU) programme: CO2 molecular decomposition technology "
                    "for future Martian habitation missions."
                ),
                "speakers": [by("LISBON")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "The vitality of lunar exploration for deep-space human projects",
                "abstract": (
                    "Global cooperation is essential in lunar exploration, and developing nations are not negligible "
                    "powers."
                ),
                "speakers": [by("NASRDA", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "International cooperation in lunar exploration: transparency and trust",
                "abstract": (
                    "The common denominator of international cooperation in lunar exploration: promoting transparency "
                    "and trustful relationships so that the Moon is used as a province for all humankind."
                ),
                "speakers": [by("OPEN_LUNAR", "Representative")],
            },
        ],
    },
    # --- Day 2: Tuesday 22 November 2022 ---
    {
        "slug": "session-2",
        "kind": "technical",
        "code": "2",
        "title": "International laws and policies in space exploration and innovation",
        "description": (
            "Laws and policies in space exploration and innovation. On global governance of outer space, speakers "
            "suggested it should adhere to the principles of cooperation and sharing and peaceful purpose, and be "
            "based on law."
        ),
        "day": 2,
        "start": "09:00",
        "end": "10:40",
        "room": "main",
        "contributions": [
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "International law rules for space exploration and the exploitation of space resources",
                "abstract": (
                    "The lack of clarity in the texts on space resources, and efforts towards a future legal framework "
                    "for space resource activities, such as those of the Hague International Space Resources Working "
                    "Group and the Artemis Accords."
                ),
                "speakers": [by("KEIO", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Global governance of space resource activity",
                "abstract": (
                    "An international agreement could support effective polycentric governance of outer space resource "
                    "activity without creating a new supra-national government."
                ),
                "speakers": [by("SPACE_TREATY")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Law and policy for a sustainable space sector",
                "abstract": (
                    "Events on current issues: the role of law and policy in fostering a sustainable space sector, "
                    "and dark and quiet skies, for capacity-building and the exchange of expertise and knowledge."
                ),
                "speakers": [by("ESA", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "National regulations and the growing number of commercial spaceports",
                "abstract": (
                    "Challenges in adapting national regulations to the growing number of commercial spaceports, for "
                    "capacity-building and the exchange of expertise and knowledge."
                ),
                "speakers": [by("ECSL", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "China\u2019s concept of and practices on global governance of outer space",
                "abstract": (
                    "China combines independence and self-reliance with opening to the outside world; three key "
                    "concepts: extensive consultation, joint contribution and shared benefits."
                ),
                "speakers": [by("CNSA_LAW", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "An outer space sustainability assessment system",
                "abstract": (
                    "Assessing projects to enhance the safety of space operations: a transparent rating and "
                    "certification system for space actors to assess the sustainability of their missions."
                ),
                "speakers": [by("EPFL")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Space-based data for sustainable development",
                "abstract": (
                    "Ways to use space-based data for the 2030 Agenda for Sustainable Development and the Sustainable "
                    "Development Goals, and the potential of satellite-enabled geolocation data and satellite Internet "
                    "traffic."
                ),
                "speakers": [by("LEIDEN")],
            },
        ],
    },
    brk("coffee-break-day-2-morning", "Coffee break", 2, "10:40", "11:00"),
    {
        "slug": "panel-long-term-sustainability",
        "kind": "panel",
        "title": "Panel discussion on the long-term sustainability of outer space activities",
        "description": (
            "Six panellists, chaired by a representative of the China Institute of Space Law. The report does not "
            "name the panellists."
        ),
        "day": 2,
        "start": "11:00",
        "end": "12:30",
        "room": "main",
        "chairs": [by("CISL", "Representative")],
        "contributions": [
            {
                "kind": "panel",
                "delivery": IN_PERSON,
                "title": "Continuing the discussion on the Long-term Sustainability Guidelines",
                "abstract": (
                    "The informal consultation held the week before the workshop gave an opportunity for continuous "
                    "discussion on the Guidelines for the Long-term Sustainability of Outer Space Activities; broad "
                    "participation in the consultation under the auspices of the Committee is crucial."
                ),
                "speakers": [],
            },
            {
                "kind": "panel",
                "delivery": IN_PERSON,
                "title": "New challenges: megaconstellations, commercialization and space resources",
                "abstract": (
                    "Megaconstellations of satellites in low Earth orbit, the commercialization of outer space "
                    "activities and the utilization of space resources raise new challenges to long-term "
                    "sustainability; international cooperation should support it, especially for the next generation."
                ),
                "speakers": [],
            },
            {
                "kind": "panel",
                "delivery": IN_PERSON,
                "title": "Implementing the 21 guidelines through national law and capacity-building",
                "abstract": (
                    "Establishing a regulatory mechanism while building capacity, regulating space activities through "
                    "national laws to implement the guidelines (A/74/20, annex II), and supporting capacity-building "
                    "initiatives and regional and international cooperation in accordance with national and "
                    "international law."
                ),
                "speakers": [],
            },
        ],
    },
    brk("lunch-day-2", "Lunch", 2, "12:30", "14:00"),
    {
        "slug": "session-3-part-one",
        "kind": "technical",
        "code": "3",
        "title": "Sustainable space exploration: a special focus on planetary defence and planetary protection "
        "(part one: planetary defence)",
        "description": (
            "Six presentations relating to planetary defence by space agencies, academia, industry and "
            "international organizations."
        ),
        "day": 2,
        "start": "14:00",
        "end": "15:40",
        "room": "main",
        "contributions": [
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "The Space Mission Planning Advisory Group and the International Asteroid Warning Network",
                "abstract": (
                    "The Office\u2019s role as secretariat of SMPAG and its cooperation with IAWN, established to "
                    "coordinate national efforts on the impact hazard posed by near-Earth objects, strengthen the "
                    "international response and promote preparedness through cooperation and information-sharing."
                ),
                "speakers": [by("UNOOSA", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "Observing near-Earth objects: the Asia-Pacific Ground-Based Space Object Observation System",
                "abstract": (
                    "Three 15-cm telescopes installed in Iran (Islamic Republic of), Pakistan and Peru, and a Centre "
                    "for Data and Operation Management in China supporting the joint observation of space objects."
                ),
                "speakers": [by("APSCO")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "The International Scientific Optical Network",
                "abstract": (
                    "Recent development of a project on anthropogenic space objects and near-Earth objects; providing "
                    "data, technology and training to educational and research organizations could contribute to "
                    "equitable access to outer space."
                ),
                "speakers": [by("KELDYSH", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Cybersecurity in space regulation",
                "abstract": (
                    "Critical infrastructure and cybersecurity risks and threats should be considered in formulating "
                    "regulations, and space agencies should have regulations ensuring cybersecurity."
                ),
                "speakers": [by("THALES", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "China\u2019s near-Earth asteroid monitoring and warning capability",
                "abstract": (
                    "Development and prospects of the system and related international cooperation: a ground- and "
                    "space-based joint observation will be developed, and international cooperation for monitoring "
                    "and early warning is essential."
                ),
                "speakers": [by("CNSA_EODC", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "The near-Earth asteroid defence project",
                "abstract": (
                    "Technical aspects of the project: the kinetic impact method has a better research foundation and "
                    "technical base than other methods; the first mission targets the asteroid 2019 VL5."
                ),
                "speakers": [by("DSEL")],
            },
        ],
    },
    brk("coffee-break-day-2-afternoon", "Coffee break", 2, "15:40", "16:00"),
    {
        "slug": "session-3-part-two",
        "kind": "technical",
        "code": "3",
        "title": "Sustainable space exploration: a special focus on planetary defence and planetary protection "
        "(part two: planetary protection)",
        "description": "Presentations relating to planetary protection.",
        "day": 2,
        "start": "16:00",
        "end": "17:00",
        "room": "main",
        "contributions": [
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "The COSPAR Panel on Planetary Protection and space governance",
                "abstract": (
                    "Space governance is a cross-cutting endeavour requiring joint efforts, as States and private "
                    "entities conduct different activities; policy, commercial and scientific interests must be "
                    "balanced."
                ),
                "speakers": [by("UNOOSA", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Technical challenges of planetary protection",
                "abstract": (
                    "From trajectory planning through simulation, planetary protection needs a multidisciplinary "
                    "approach: statistics, orbital dynamics, biology, computing and mathematical modelling, among "
                    "others."
                ),
                "speakers": [by("POLIMI")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Open scientific data for sustainable space exploration",
                "abstract": (
                    "Sustainable space exploration needs a joint effort, and open-source scientific data are crucial; "
                    "space exploration is a unique framework for inspiring the next generation and developing new "
                    "sustainable technologies."
                ),
                "speakers": [by("INTA", "Representative")],
            },
        ],
    },
    {
        "slug": "side-event-outreach",
        "kind": "side_event",
        "title": "Side event: outreach in space exploration and innovation",
        "description": "Youth space education and the next generation of space exploration and innovation.",
        "day": 2,
        "start": "17:15",
        "end": "18:30",
        "room": "side",
        "contributions": [
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "Youth space education for middle school students in China and Africa",
                "abstract": (
                    "The HOPE cooperation programme on youth space education, and a 6-unit CubeSat carrying a small "
                    "optical camera, a UV communication payload and a student-designed payload for temperature "
                    "difference power generation."
                ),
                "speakers": [by("HOPE", "Representative")],
            },
            {
                "kind": "statement",
                "delivery": IN_PERSON,
                "title": "Young people are the future of space exploration and innovation",
                "abstract": (
                    "The other speakers of the side event (not named in the report) encouraged innovative scientific "
                    "activities to raise the next generation\u2019s awareness of the importance of space activities."
                ),
                "speakers": [],
            },
        ],
    },
    # --- Day 3: Wednesday 23 November 2022 ---
    {
        "slug": "session-4",
        "kind": "technical",
        "code": "4",
        "title": "Prospects and challenges in space science",
        "description": (
            "Nine speakers on current and future missions promoting cooperation in space science research, and "
            "international organizations on facilitating international collaboration in science missions."
        ),
        "day": 3,
        "start": "09:00",
        "end": "11:00",
        "room": "main",
        "contributions": [
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "The Alpha Magnetic Spectrometer",
                "abstract": (
                    "A particle detector mounted on the International Space Station since 2011 to measure galactic "
                    "cosmic ray fluxes."
                ),
                "speakers": [by("INFN")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "The High Energy Multiband Spectral and Polarimetric Imaging Observatory",
                "abstract": "The concept of an astronomy mission, with opportunities for international cooperation.",
                "speakers": [by("CAST")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "ESA space science missions: Gaia, Solar Orbiter and the James Webb Space Telescope",
                "abstract": (
                    "A pan-European collaboration to produce high-quality silicon carbide for highly complex science "
                    "missions; most ESA space science missions are cooperative projects."
                ),
                "speakers": [by("ESA")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Space science in Brazil",
                "abstract": (
                    "Projects in astrophysics, solar physics, magnetosphere and radiation belts, geomagnetic field and "
                    "magnetic indices and ionospheric research, and an invitation to joint research through "
                    "international cooperation."
                ),
                "speakers": [by("INPE")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "Lunar exploration, the International Lunar Research Station, ExoMars and Venera-D",
                "abstract": (
                    "Current lunar exploration status, collaboration with China in the International Lunar Research "
                    "Station programme, and participation in the ExoMars and Venera-D missions."
                ),
                "speakers": [by("IKI")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "The Chinese space science programme",
                "abstract": (
                    "Scientific achievements of previous programmes, three ongoing programmes and future planning; "
                    "future missions are open to international cooperation."
                ),
                "speakers": [by("NSSC", "Representative")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "Multilateral cooperation in space",
                "abstract": (
                    "A cooperative mechanism for developing countries in the region, mainstreaming the peaceful use of "
                    "outer space as a driver for development by sharing resources in space science, technology and "
                    "applications."
                ),
                "speakers": [by("APSCO")],
            },
            {
                "kind": "technical",
                "delivery": ONLINE,
                "title": "International cooperation in space science",
                "abstract": (
                    "The biennial scientific assemblies, a scientific roadmap for individual disciplines, a new task "
                    "group for pressing questions in space research, and new initiatives for international cooperation."
                ),
                "speakers": [by("COSPAR")],
            },
        ],
    },
    brk("coffee-break-day-3", "Coffee break", 3, "11:00", "11:20"),
    {
        "slug": "side-event-women",
        "kind": "side_event",
        "title": "Side event: women in space exploration and innovation",
        "description": "Women in space share their careers and encourage more women to join future projects.",
        "day": 3,
        "start": "11:20",
        "end": "12:30",
        "room": "side",
        "contributions": [
            {
                "kind": "statement",
                "delivery": VIDEO,
                "title": "Women and men in the quest to explore new frontiers",
                "abstract": (
                    "Space exploration is a sustainable challenge in the quest to explore new frontiers and expand a "
                    "sense of human future in the universe, where both women and men play an essential role."
                ),
                "speakers": [person("WANG_YAPING"), person("KIKINA")],
            },
            {
                "kind": "statement",
                "delivery": IN_PERSON,
                "title": "Careers in space",
                "abstract": (
                    "The other speakers of the side event (not named in the report) spoke about their careers in "
                    "space and encouraged more women to take part in future space exploration and innovation projects."
                ),
                "speakers": [],
            },
        ],
    },
    brk("lunch-day-3", "Lunch", 3, "12:30", "14:00"),
    {
        "slug": "special-event-lunar-deep-space",
        "kind": "special_event",
        "title": "Special event on lunar and deep space exploration",
        "description": (
            "CNSA on lunar samples and data, the International Lunar Research Station, the Chang\u2019e-6 payload "
            "results and the Chang\u2019e-7 cooperation opportunities."
        ),
        "day": 3,
        "start": "14:00",
        "end": "16:00",
        "room": "main",
        "contributions": [
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "Chinese lunar samples and scientific data; cooperation in the International Lunar Research "
                "Station",
                "abstract": (
                    "The rules for the management of international cooperation with respect to Chinese lunar samples "
                    "and scientific data, and the prospect of cooperation in the International Lunar Research Station."
                ),
                "speakers": [by("CNSA")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "Results of the Chang\u2019e-6 international payload solicitation",
                "abstract": (
                    "Four projects selected to join the Chang\u2019e-6 mission: a CubeSat from Pakistan and three "
                    "payloads from France, ESA/Sweden and Italy."
                ),
                "speakers": [by("CNSA")],
            },
            {
                "kind": "technical",
                "delivery": IN_PERSON,
                "title": "Calls for cooperation: deep space science questions and the Chang\u2019e-7 mission",
                "abstract": (
                    "Calls for important scientific questions in deep space exploration and for international "
                    "cooperation in the Chang\u2019e-7 mission, which offers hosting for 25 kg of science payloads: "
                    "10 kg on the lander and 15 kg on the orbiter. Letters of interest are due by 1 February 2023."
                ),
                "speakers": [by("CNSA")],
            },
        ],
    },
    # --- Day 4: Thursday 24 November 2022 ---
    {
        "slug": "closing-ceremony",
        "kind": "closing",
        "title": "Closing ceremony",
        "description": "Consideration and adoption of the outcome document, the \u201cHainan Initiative\u201d.",
        "day": 4,
        "start": "10:00",
        "end": "11:30",
        "room": "main",
        "contributions": [
            {
                "kind": "statement",
                "delivery": IN_PERSON,
                "title": "Consideration and adoption of the outcome document, the \u201cHainan Initiative\u201d",
                "abstract": (
                    "The outcome document summarizes the observations and recommendations of the presentations and "
                    "discussions of the workshop; it was considered and adopted, and is annexed to the report."
                ),
                "speakers": [],
            },
            {
                "kind": "statement",
                "delivery": IN_PERSON,
                "title": "Closing remarks: Hainan as an international space communication platform",
                "abstract": (
                    "Hainan was honoured to host the workshop and is eager to build an international space "
                    "communication platform to host more events in the future."
                ),
                "speakers": [by("WENCHANG", "Representative")],
            },
            {
                "kind": "statement",
                "delivery": IN_PERSON,
                "title": "Closing remarks: global partnership is key to building capacity",
                "abstract": (
                    "Space exploration and innovation are not only for space powers. Space agencies, academia and the "
                    "private sector are encouraged to build a strong partnership; China is always open to "
                    "international cooperation."
                ),
                "speakers": [by("CNSA", "Representative")],
            },
            {
                "kind": "statement",
                "delivery": ONLINE,
                "title": "Closing remarks: no one should be left behind",
                "abstract": (
                    "Member States should continue the exchange and promote more stable and stronger global "
                    "partnerships; the peaceful, safe and sustainable use of outer space benefits current and future "
                    "generations, and the Office is willing to serve as the platform for further discussion."
                ),
                "speakers": [by("UNOOSA")],
            },
        ],
    },
]

# Demo sign-ins. Passwords are set only when the account is first created.
ORGANISER = {"email": "organiser@rendezvous.localhost", "password": "demo-organiser-2022"}
ADMIN = {"email": "admin@rendezvous.localhost", "password": "demo-admin-2022"}

# Apps that may add their own demo data for the Haikou edition, each with `rendezvous.<app>.demo.load(edition)`.
EXTENSION_APPS = ["programme", "registration", "participation", "reports", "outcomes", "partnerships"]
