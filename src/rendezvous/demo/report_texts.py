"""The secretariat's texts of the demo edition's report: A/AC.105/1294 as the United Nations issued it.

Chapters I, II and V, the programme's opening paragraph and each section's summary of chapter IV, with the page
furniture (symbols, page numbers) removed. Four figures that ended a line in the seed text were lost in its
extraction and are restored here: "November 2022.", "thematic priority 1.", "launched in 2025." and "26 December 2021."
Chapter III (Attendance) and the lead sentence of session 1(a) are not here: Rendezvous generates them from the data.
Paragraphs are separated by a blank line; a paragraph "# ..." is a subheading.
"""

ISSUED_ON = "2023-04-12"

INTRODUCTION = "\n\n".join(
    [
        (
            "The Office for Outer Space Affairs of the Secretariat, the China National Space "
            "Administration (CNSA) and the government of Hainan Province jointly organized the "
            "United Nations/China Second Global Partnership Workshop on Space Exploration and "
            "Innovation, held in Haikou, China, from 21 to 24 November 2022."
        ),
        (
            "The Workshop was held in a hybrid format – participants based in China attended in "
            "person at the main venue in Haikou, Hainan Province, while participants outside China "
            "participated using the online platform Zoom."
        ),
        (
            "The workshop was aimed at building a platform for stakeholders from governments, space "
            "agencies, research institutions, academia and the private sector to exchange space "
            "exploration and innovation plans, strategies, scientific and technical innovations and "
            "legal and policy practices for fostering global partnership in space exploration and "
            "innovation."
        ),
    ]
)

BACKGROUND = "\n\n".join(
    [
        (
            "During its fifty-ninth session in 2016, the Committee on the Peaceful Uses of Outer "
            "Space endorsed seven thematic priorities in the run-up to the fiftieth anniversary of "
            "the first United Nations Conference on the Exploration and Peaceful Uses of Outer Space "
            "(UNISPACE+50). The objective of thematic priority 1 (“Global partnership in space "
            "exploration and innovation”) consisted of the following: (a) raising awareness of space "
            "exploration and innovation as essential drivers for opening up new domains in space "
            "science and technology, triggering new partnerships and developing capabilities that "
            "create new opportunities for addressing global challenges; (b) fostering dialogue with "
            "the space industry and the private sector; (c) promoting cooperation between "
            "spacefaring nations and emerging spacefaring nations; (d) allowing space exploration "
            "activities to become open and inclusive on a global scale; and (e) identifying "
            "governance and cooperation mechanisms to support the objective (A/71/20, para. 296)."
        ),
        (
            "Also in 2016, the Committee called upon States, permanent observers to the Committee "
            "and relevant United Nations entities to join a new action team under thematic priority "
            "1."
        ),
        (
            "Based on the work of the action team, the United Nations/Jordan Workshop on Global "
            "Partnership in Space Exploration and Innovation, had been held in Amman from 25 to 28 "
            "March 2019 (A/AC.105/1208), jointly organized by the Office for Outer Space Affairs and "
            "the Regional Centre for Space Science and Technology Education for Western Asia, "
            "affiliated to the United Nations. The Workshop of 2019 built on the intergovernmental "
            "work undertaken by the Action Team on Exploration and Innovation, and included "
            "cross-sectoral, capacity-building and strategic components. The United Nations/China "
            "Workshop, held in 2022, and the second one in the series, built on the momentum of "
            "international cooperation in space exploration missions and focused on establishing an "
            "innovative space partnership, with the aim of providing the space community with a "
            "breeding ground for future collaborations."
        ),
        (
            "The main objectives of the United Nations/China Workshop were: (a) raise awareness of "
            "space exploration and innovation as essential drivers for opening up new domains in "
            "space science and technology, triggering new partnerships and developing capabilities "
            "that can create new opportunities for addressing global challenges; (b) build capacity "
            "in space exploration and innovation, with an emphasis on science, technology, "
            "engineering and mathematics (“STEM subjects”), as per the recommendation of the Action "
            "Team on Exploration and Innovation (A/AC.105/1168, para. 114); (c) promote cooperation "
            "between spacefaring nations and emerging spacefaring nations; and (d) allow space "
            "exploration activities to become open and inclusive on a global scale."
        ),
    ]
)

PROGRAMME_INTRODUCTION = "\n\n".join(
    [
        (
            "The programme of the Workshop was structured around four types of interventions: (a) "
            "keynote speeches, (b) technical presentations, (c) panel discussions and (d) side "
            "events. All presentations were made available on the website of the Office for Outer "
            "Space Affairs (www.unoosa.org), except pre-recorded videos."
        ),
    ]
)

CONCLUSIONS = "\n\n".join(
    [
        "# Conclusions",
        (
            "The United Nations/China Second Global Partnership Workshop on Space Exploration and "
            "Innovation provided stakeholders from space agencies, international organizations, "
            "academia, industry and the private sector a platform for building partnerships and "
            "strengthening international cooperation in the peaceful use of outer space and global "
            "governance of outer space activities. Participants agreed that global partnership at "
            "the national, regional and international levels was key to facilitating "
            "capacity-building and technology transfer, which was indispensable for the realization "
            "of the common objective of the exploration and use of outer space. Participants "
            "reaffirmed the benefit of space applications, technologies and spin-offs in addressing "
            "global sustainable development."
        ),
        (
            "The Workshop facilitated information exchange among Member States, enabling them to "
            "share their space exploration programmes and invite other nations to join. Developing "
            "countries were particularly encouraged to build capacity through international "
            "cooperation as global joint efforts and deeper cooperation by all space actors were "
            "required to realize sustainable space exploration."
        ),
        (
            "Inclusiveness in space exploration and innovation was essential. The quest to explore "
            "new frontiers and to expand the sense of human future in the universe required wider "
            "participation. Women and youth were particularly encouraged to join this journey."
        ),
        (
            "The long-term sustainability of outer space activities was crucial for sustainable "
            "space exploration. The Working Group on the Long-term Sustainability of Outer Space "
            "Activities of the Committee on the Peaceful Uses of Outer Space served as a unique "
            "intergovernmental platform for promoting responsible space exploration and innovation "
            "activities for this and future generations."
        ),
        "# Recommendations",
        (
            "The workshop constituted an important opportunity to forge partnerships. By promoting "
            "space exploration and innovation, global partnerships will gain importance and "
            "cooperation among Member States, United Nations entities, intergovernmental and "
            "non-governmental organizations, industry and private-sector entities will be "
            "strengthened. To that end, stakeholders are encouraged to seek out connections to "
            "promote international space exploration programmes based on equality and reciprocity, "
            "peaceful use, openness and inclusiveness for the benefit of humankind."
        ),
        (
            "The Workshop was conducted in a hybrid format owing to the COVID-19 pandemic. To "
            "facilitate communication and networking among participants, it is recommended that the "
            "subsequent workshop be held in person."
        ),
    ]
)

# (heading, sessions by slug, generated lead sentence?, the secretariat's summary)
SECTIONS = [
    (
        "Opening ceremony",
        ["opening-ceremony", "setting-the-scene"],
        False,
        "\n\n".join(
            [
                (
                    "In a pre-recorded opening speech, the Vice Premier of the State Council of China, Liu "
                    "He, read a congratulatory letter from the President of China, Xi Jinping, in which he "
                    "stated that space exploration was limitless and that China was willing to work with all "
                    "countries to strengthen exchanges and cooperation for joint exploration of outer space, "
                    "making peaceful use of outer space and promoting space technology for the benefit of "
                    "the people of the world."
                ),
                (
                    "In his opening remarks, the Administrator of CNSA said that space journeys could only "
                    "be stable and far-reaching through the peaceful use and sustainable development of "
                    "outer space. Towards that goal, CNSA was willing to work with the international "
                    "community to establish an innovative space partnership in the framework of the United "
                    "Nations. He stated that the actual situation of each country should be taken into "
                    "account with full respect for the rights and interests of developing countries in outer "
                    "space, space exploration should be a joint mission of all humankind, the scientific "
                    "rewards of space exploration should benefit all countries, and a shared future in the "
                    "field of outer space should be built."
                ),
                (
                    "The Acting Director of the Office for Outer Space Affairs stated that the international "
                    "space community must work hand in hand to make the space sector more inclusive and "
                    "diverse, and that persistent inequalities should not be allowed in the space field. In "
                    "line with the “Space2030” Agenda, in which Member States committed to strengthen "
                    "international cooperation in the exploration and use of outer space for peaceful "
                    "purposes, the Office was actively pursuing new partnerships and was confident that, if "
                    "the space community worked together, an even brighter future lay ahead of us as we make "
                    "the benefits of space universally accessible. He said that, in close coordination with "
                    "the international space community, the Office remained committed to using all aspects "
                    "of outer space to build a better future for everyone, everywhere."
                ),
                (
                    "The Secretary of the Hainan Provincial Committee of the Communist Party of China said "
                    "that Hainan Province was willing to build an industrial basis to facilitate "
                    "international cooperation in the area of outer space that would serve as a platform for "
                    "communications in space sciences, techniques and applications, and as a bridge between "
                    "Chinese scientists and the world community."
                ),
                (
                    "In his keynote speech, the Vice Administrator of CNSA issued an action statement on "
                    "China’s role in promoting the establishment of a new global partnership in space "
                    "exploration and innovation. The core values of this statement were extensive "
                    "consultation on global governance, promoting action coordination, deepening project "
                    "cooperation, promoting innovative development, sharing scientific outcomes, encouraging "
                    "diverse participation, establishing cooperation platforms and safeguarding human "
                    "security."
                ),
                (
                    "The Scientific Affairs Officer of the Office for Space Affairs presented the Office’s "
                    "prime responsibilities, including its roles as the secretariat of the Committee on the "
                    "Peaceful Uses of Outer Space, and in promoting capacity-building in the area of outer "
                    "space. She mentioned the practical projects that the Office had undertaken to promote a "
                    "strong and more inclusive space sector, such as Space4Women, Space4Youth, Space for "
                    "Persons with Disabilities, Space4Water and Access to Space for All. In line with the "
                    "theme of the Workshop, the Officer put forward several suggestions for establishing "
                    "global partnerships, including encouraging international cooperation – in particular "
                    "the participation of developing countries – and consulting on collaborative projects on "
                    "an equal and mutually beneficial basis."
                ),
                "# Setting the scene",
                (
                    "In its presentation to set the scene for the workshop, the Office for Outer Space "
                    "Affairs provided an overview of the origins of the Workshop and its objectives. The "
                    "Action Team on Exploration and Innovation was established to promote global partnership "
                    "in space exploration and innovation. Building on the work of the first workshop held in "
                    "Amman in 2019, this second workshop was intended to facilitate cooperation, share "
                    "information on the space programme, build transparency and confidence, and boost the "
                    "capacity of new and emerging space actors."
                ),
            ]
        ),
    ),
    (
        "Session 1(a). Space exploration and innovation: space agencies’ perspective",
        ["session-1a"],
        True,
        "\n\n".join(
            [
                (
                    "Speakers representing CNSA provided an overview of China’s deep space exploration "
                    "missions and future strategy. They presented on the fourth phase of the Chinese Lunar "
                    "Exploration Programme and stated that Chang’e-6, 7 and 8 missions would build an "
                    "unmanned lunar research station at the south pole of the Moon. The International Lunar "
                    "Research Station programme welcomed global participants. Planetary exploration missions "
                    "were described, including missions to bring back samples from Mars and the Icy Moon "
                    "missions."
                ),
                (
                    "Space exploration strategies were described by some national space agencies. Through "
                    "pre-recorded videos, the heads of CNES, ROSCOSMOS and SUPARCO and representatives of "
                    "NASA, ESA and CONAE presented their views on future space exploration and innovation. "
                    "CNES stressed that this decade marked a turning point for space exploration with "
                    "unpredictable opportunities, benefits, challenges and risks, and highlighted three key "
                    "elements for space exploration: innovation, cooperation and sustainability. The "
                    "representative of ROSCOSMOS presented on several endeavours by the Russian Federation "
                    "to promote lunar and deep space exploration and concluded with a reaffirmation of its "
                    "commitment to enhancing and strengthening global partnerships in space exploration "
                    "development for the benefit of the international community. The representative of "
                    "SUPARCO stressed that international cooperation must be explicitly incorporated as an "
                    "aspect and goal of a modern space exploration programme to enable coordination prior to "
                    "the commencement of a new programme. The representative of NASA described its "
                    "exploration plan for the Moon and Mars with an emphasis on the Artemis programme, in "
                    "which Artemis I was an uncrewed flight test, Artemis II would be the first crewed "
                    "flight test to the Moon since Apollo, Artemis III would be the first crew return to the "
                    "lunar surface, and Artemis IV would deliver the International Habitat Module to the "
                    "Gateway. The representative of ESA highlighted two key elements in its Terrae Novae "
                    "programme – the large lunar lander Argonaut and the Rosalind Franklin Mars rover. Those "
                    "programmes were expected to be conducted by the end of the current decade, and "
                    "international cooperation would be key to achieving that goal. The representative of "
                    "CONAE explained its role in space exploration with its deep-space radio observation and "
                    "space project. The representative highlighted the Commission’s cooperation in satellite "
                    "and future collaboration in instrument missions."
                ),
                (
                    "The representative of KARI detailed the Korea Pathfinder Lunar Orbiter – its first "
                    "space exploration mission – and outlined the concept of its lunar lander, which it "
                    "expected to launch in the next decade. A brief presentation of the work of KARI within "
                    "the Emerging Space Agency Working Group of the International Space Exploration "
                    "Coordination Group (ISECG) was also given. The representative of ABAE presented its "
                    "plans for the next 10 years: its National Robotic Space Exploration Programme focused "
                    "on swarm robotics and aimed to develop the national space sector through five phases "
                    "over 12 years."
                ),
            ]
        ),
    ),
    (
        "Session 1(b). Space exploration and innovation: academia and industry’s perspective",
        ["session-1b"],
        False,
        "\n\n".join(
            [
                (
                    "Session 1(b) covered a range of activities promoting participation and partnerships in "
                    "space exploration and innovation. Eleven speakers from academia, industry and "
                    "international organizations presented in this session. Speakers from China presented a "
                    "blueprint for airline-flight-mode aerospace transportation, an ambitious conception of "
                    "an Earth-Moon communication-navigation system. The airline-flight-mode aerospace "
                    "transportation was expected to lower the threshold for space transportation and "
                    "facilitate space-transfer transportation in the future. The Earth-Moon "
                    "communication/navigation system, which was based on the Global Navigation Satellite "
                    "System (GNSS), would support near-Moon space missions."
                ),
                (
                    "National, regional and international activities for the next generation were presented. "
                    "The University of Melbourne Medical School described the space health programme "
                    "launched in Melbourne, Australia, for medical students, which was aimed at providing "
                    "local students with opportunities to learn about human health in space and understand "
                    "the importance of gravity in normal physiological homeostasis. The representative of "
                    "SGAC described the Mars 2026 programme, which aimed to explore the role of the "
                    "Asia-Pacific region in a manned programme on Mars. SpaceLand gave a presentation on its "
                    "joint initiative with the Centre for Space Exploration of the Ministry of Education of "
                    "China for novel Mars habitats and the first Mars-gravity research and educational "
                    "flights. A series of research activities and techniques could help astronauts, as well "
                    "as persons with disabilities and the elderly, in their daily activities. The Office for "
                    "Outer Space Affairs presented its Access to Space for All initiative, which was aimed "
                    "at helping everyone to access space technologies and applications and ensuring that "
                    "space benefits were accessible, especially for developing nations and women, with a "
                    "view to promoting gender equality. Its activities and initiatives were aimed at "
                    "encouraging youth to participate in space exploration and innovation missions. It was "
                    "noted that space techniques contributed to helping persons with disabilities and the "
                    "elderly, and that gender equality was being achieved in the space community."
                ),
                (
                    "New technologies and strategies were presented. Hydromars AB presented on water "
                    "purification technology for human missions across space and crewed deep space "
                    "exploration. The technology could transform any water resource into high-quality pure "
                    "water through feed evaporation, vapour permeation and permeating condensation. The "
                    "University of Lisbon presented the Mars In-Situ Resource Utilization (ISRU) programme, "
                    "the CO2 molecular decomposition technology aimed at decomposing CO2 found in the "
                    "Martian atmosphere for future Martian habitation missions. The representative of the "
                    "National Space Research and Development Agency of Nigeria discussed the vitality of "
                    "lunar exploration for all deep-space human projects, emphasizing that global "
                    "cooperation was essential and that developing nations were not negligible powers. The "
                    "representative of the Open Lunar Foundation spoke about the common denominator of "
                    "international cooperation in lunar exploration and suggested that efforts should be "
                    "made towards promoting transparency and trustful relationships to achieve the use of "
                    "the Moon as a province for all humankind."
                ),
            ]
        ),
    ),
    (
        "Session 2. International laws and policies in space exploration and innovation",
        ["session-2", "panel-long-term-sustainability"],
        False,
        "\n\n".join(
            [
                (
                    "Session 2 was dedicated to presentations on laws and policies in space exploration and "
                    "innovation. The representative of the Keio University Law School of Japan presented the "
                    "idea of international law rules governing space exploration and the exploitation of "
                    "space resources and raised awareness of the lack of clarity in the texts on space "
                    "resources. Some efforts to create a future legal framework on space resource "
                    "activities, such as those of the Hague International Space Resources Working Group and "
                    "the Artemis Accords, were mentioned. The Space Treaty Project pointed out the need for "
                    "global governance of outer space resource activity and suggested that an international "
                    "agreement could support effective polycentric governance without creating a new "
                    "supra-national government. The representatives of ESA and the European Centre for Space "
                    "Law presented their events on current issues such as the role of law and policy in "
                    "fostering a sustainable space sector, dark and quiet skies, and challenges in adapting "
                    "national regulations to the growing number of commercial spaceports in order to promote "
                    "and support capacity-building, and the exchange of expertise and knowledge. The "
                    "representative of the Space Law Centre of CNSA presented on the Government of China’s "
                    "concept of and practices on global governance of outer space. The speaker emphasized "
                    "that China always combined independence and self-reliance with an opening to the "
                    "outside world, and concluded with three key concepts: extensive consultation, joint "
                    "contribution and shared benefits. The Federal Institute of Technology in Lausanne, "
                    "Switzerland, presented an outer space sustainability assessment system aimed at "
                    "enhancing the safety of space operations by conducting assessments of projects. The "
                    "speaker stated that it would provide space actors with a transparent rating and "
                    "certification system to assess the sustainability of their missions. Leiden University, "
                    "Kingdom of the Netherlands, presented a series of ways to use space-based data for "
                    "sustainable development in the context of the 2030 Agenda for Sustainable Development "
                    "and the Sustainable Development Goals, and raised awareness of the potential of "
                    "satellite-enabled geolocation data and satellite Internet traffic."
                ),
                (
                    "Regarding global governance of outer space, speakers suggested that global governance "
                    "should adhere to the principles of cooperation and sharing, peaceful purpose and be "
                    "based on law. National and regional institutions should act as catalysts for "
                    "capacity-building in relation to space laws and policies, and the efforts would support "
                    "innovations in space exploration."
                ),
                (
                    "Session 2 was followed by a panel discussion on the long-term sustainability of outer "
                    "space activities. Six panellists participated in the panel, chaired by a representative "
                    "of the China Institute of Space Law. The panellists mentioned that the informal "
                    "consultation held the week before the Workshop had provided an opportunity for "
                    "continuous discussion on the Guidelines for the Long-term Sustainability of Outer Space "
                    "Activities to ensure the sustainable development of the long-term sustainability "
                    "framework. The panellists drew attention to new challenges to the long-term "
                    "sustainability of outer space activities raised by the megaconstellations of satellites "
                    "in low Earth orbit, the commercialization of outer space activities and the utilization "
                    "of space resources. They suggested that broad participation in the consultation under "
                    "the auspices of the Committee on the Peaceful Uses of Outer Space was crucial. Member "
                    "States and intergovernmental organizations should promote and facilitate international "
                    "cooperation to support the long-term sustainability of outer space activities, "
                    "especially for the next generation."
                ),
                (
                    "The panellists suggested that it was crucial to establish a relevant regulatory "
                    "mechanism while building capacity in space, and to regulate space activities through "
                    "national laws and regulations to implement the Guidelines for the Long-term "
                    "Sustainability of Outer Space Activities (A/74/20, annex II). The panellists stated "
                    "that space agencies had an obligation to establish a legal framework to regulate "
                    "national space exploration activities in order to strengthen oversight to ensure the "
                    "peaceful use of outer space resources by national stakeholders, and to assess space "
                    "activities by establishing a rating system."
                ),
                (
                    "The panellists agreed that the implementation of the 21 guidelines was crucial to "
                    "maintaining the sustainable development of space exploration and innovation activities. "
                    "Some of them reiterated that space exploration and innovation were a shared obligation "
                    "and responsibility. To that aim, Member States and international intergovernmental "
                    "organizations should support current capacity-building initiatives and promote new "
                    "forms of regional and international cooperation and capacity-building that were in "
                    "accordance with national and international law to assist countries in gathering human "
                    "and financial resources, and achieving efficient technical capabilities, standards, "
                    "regulatory frameworks and governance methods that supported the long-term "
                    "sustainability of outer space activities."
                ),
            ]
        ),
    ),
    (
        "Session 3. Sustainable space exploration: a special focus on planetary defence and planetary protection",
        ["session-3-part-one", "session-3-part-two"],
        False,
        "\n\n".join(
            [
                (
                    "The first part of session 3 heard six presentations relating to planetary defence by "
                    "space agencies, academia, industry and international organizations. A representative of "
                    "the Office for Outer Space Affairs presented on the work of the Office in its role as "
                    "the secretariat of the Space Mission Planning Advisory Group (SMPAG) and on its "
                    "cooperation with the International Asteroid Warning Network (IAWN). The representative "
                    "emphasized that IAWN and SMPAG were established to coordinate and focus the efforts of "
                    "national institutions that dealt with the potential impact hazard posed by near-Earth "
                    "objects, strengthen the international response to that hazard and promote preparedness "
                    "with respect to threat of potential impacts of near-Earth objects through international "
                    "cooperation and information-sharing. APSCO presented its work on near-Earth objects "
                    "observation, mentioning that the Asia-Pacific Ground-Based Space Object Observation "
                    "System consisted of three 15-cm telescopes installed in Iran (Islamic Republic of), "
                    "Pakistan and Peru. Its Centre for Data and Operation Management, which was located in "
                    "China, was aimed at supporting the joint observation of space objects. The Keldysh "
                    "Institute of Applied Mathematics of the Russian Academy of Sciences presented on the "
                    "recent development of the International Scientific Optical Network, a project focusing "
                    "on anthropogenic space objects and near-Earth objects. The representative emphasized "
                    "that providing data, technology and training to educational and research organizations "
                    "could help to fill possible gaps in the growing commercialization and securitization of "
                    "space situational awareness, thereby contributing to equitable access to outer space. "
                    "The representative of Thales Services raised concern about cybersecurity and suggested "
                    "that critical infrastructure, cybersecurity risks and cybersecurity threats should be "
                    "taken into consideration in formulating regulations, and space agencies should have "
                    "regulations ensuring cybersecurity."
                ),
                (
                    "The Earth Observation and Data Centre of CNSA made a presentation on the development "
                    "and prospects of the Chinese near-Earth asteroids monitoring and warning capability "
                    "system and the related international cooperation. The representative emphasized that a "
                    "ground- and space-based joint observation would be developed in China and that "
                    "international cooperation for monitoring and early warning was essential. The Deep "
                    "Space Exploration Laboratory of China made a presentation on the technical aspects of "
                    "the near-Earth asteroid defence project and stated that the kinetic impact method had a "
                    "better existing research foundation and technical base compared with other methods. Its "
                    "first mission, which had 2019 VL5 as the target object, was scheduled to be launched in "
                    "2025."
                ),
                (
                    "The second part of session 3 heard presentations relating to planetary protection. The "
                    "Office for Outer Space Affairs described the work conducted under the auspices of the "
                    "COSPAR Panel on Planetary Protection and concluded that space governance was a "
                    "cross-cutting endeavour requiring joint efforts because each Member State, as well as "
                    "private sector entities, were conducting different activities; there was a need to "
                    "balance policy, commercial and scientific interests. The Polytechnic University of "
                    "Milan, Italy, stated that planetary protection faced complex technical challenges, "
                    "starting from the trajectory planning phase through simulation, and considered that a "
                    "multidisciplinary approach, including statistics, orbital dynamics, biology, computing, "
                    "mathematical modelling, among others, was needed to address the challenges. The "
                    "representative of the National Institute for Aerospace Technology of Spain stated a "
                    "joint effort was required for sustainable space exploration and that open-source "
                    "scientific data were crucial for sustainability. The representative of the Institute "
                    "emphasized that space exploration offered a unique framework for inspiring the next "
                    "generation and developing new sustainable technologies."
                ),
            ]
        ),
    ),
    (
        "Session 4. Prospects and challenges in space science",
        ["session-4"],
        False,
        "\n\n".join(
            [
                (
                    "Session 4 focused on space science. Nine speakers presented on current and future "
                    "missions aimed at promoting cooperation in space science research. The National "
                    "Institute for Nuclear Physics of Italy, presented on the Alpha Magnetic Spectrometer, a "
                    "particle detector that had been mounted on the International Space Station since 2011 "
                    "to measure galactic cosmic ray fluxes. The China Academy of Space Technology presented "
                    "the concept of the astronomy mission High Energy Multiband Spectral and Polarimetric "
                    "Imaging Observatory, noting that there were opportunities for international "
                    "cooperation. ESA described its space science missions, including Gaia, Solar Orbiter "
                    "and the James Webb Space Telescope (JWST), emphasizing a pan-European collaboration to "
                    "produce high-quality silicon carbide, which could be used in a wide range of highly "
                    "complex science missions. ESA also considered that cooperation was essential and stated "
                    "that most ESA space science missions were cooperative projects. The National Institute "
                    "for Space Research gave a presentation on space science projects in different areas of "
                    "research in Brazil, including astrophysics, solar physics, magnetosphere and radiation "
                    "belts, geomagnetic field and magnetic indices, ionospheric research and scales, and "
                    "encouraged active interaction and joint research through international cooperation. The "
                    "Space Research Institute of the Russian Academy of Sciences gave a presentation on its "
                    "current lunar exploration status, its collaboration with China in the International "
                    "Lunar Research Station programme, and the status of its participation in the ExoMars "
                    "and Venera-D missions. The National Space Science Centre of the Chinese Academy of "
                    "Sciences presented on the Chinese space science programme, highlighting the scientific "
                    "achievement of previous programmes and elaborating on the mission in development and "
                    "future planning. The representative described three ongoing programmes and to conclude, "
                    "stated that future missions were open to international cooperation."
                ),
                (
                    "International organizations spoke about their efforts to promote space science "
                    "activities and facilitate international collaboration in science missions. APSCO shared "
                    "its insight on multilateral cooperation in space; through a number of activities, it "
                    "was acting as a cooperative mechanism for developing countries in the region in order "
                    "to mainstream the peaceful use of outer space as a driver for development by resource "
                    "sharing in space science, technology and applications. COSPAR stated that it was acting "
                    "as the entity responsible for organizing the biennial scientific assemblies with "
                    "contributions from most of the countries engaged in space research. It was in the "
                    "process of drawing up a scientific roadmap for individual disciplines, setting up a new "
                    "task group for pressing questions in space research, and proposing new initiatives to "
                    "enhance international cooperation in space science."
                ),
            ]
        ),
    ),
    (
        "Side events and a special event",
        ["side-event-outreach", "side-event-women", "special-event-lunar-deep-space"],
        False,
        "\n\n".join(
            [
                (
                    "In the side event on outreach in space exploration and innovation, a representative of "
                    "Hyperspace Opportunity for Pioneering Education (HOPE) described the cooperation "
                    "programme on youth space education for middle school students in China and Africa, and "
                    "stated that a 6-unit CubeSat, equipped with a small optical camera, UV communication "
                    "payload and student-designed payload for temperature difference power generation, was "
                    "launched on 26 December 2021."
                ),
                (
                    "The other speakers in this event emphasized that young people were the future of space "
                    "exploration and innovation, and encouraged innovative scientific activities to raise "
                    "the awareness of the next generation on the importance of space activities."
                ),
                (
                    "In the side event on women in space exploration and innovation, Chinese astronaut, "
                    "Yaping Wang, and Russian cosmonaut, Anna Kikina – both women – delivered speeches "
                    "through pre-recorded videos. They emphasized that space exploration represented a "
                    "sustainable challenge in the quest to explore new frontiers and expand a sense of human "
                    "future in the universe, where both women and men played an essential role. The other "
                    "speakers in this side event spoke about their careers in space and encouraged more "
                    "women to participate in future space exploration and innovation projects."
                ),
                (
                    "A special event on lunar and deep space exploration was held during the Workshop. CNSA "
                    "presented on the rules for the management of international cooperation with respect to "
                    "Chinese lunar samples and scientific data, and the prospect of cooperation in the "
                    "International Lunar Research Station. CNSA announced the results of the international "
                    "payload solicitation for the Chang’e-6 mission, namely four projects selected to join "
                    "the Chang’e-6 mission, a CubeSat from Pakistan and three payloads from France, "
                    "ESA/Sweden and Italy. CNSA also announced calls for important scientific questions in "
                    "deep space exploration and for international cooperation opportunities in the Chang’e-7 "
                    "mission. The Chang’e-7 would provide payload hosting opportunities for 25 kg of science "
                    "payloads: 10 kg on the lander and 15 kg on the orbiter. CNSA emphasized that the "
                    "deadline for receiving a letter of interest was 1 February 2023 and encouraged the "
                    "space community to participate in its lunar and deep space exploration programme."
                ),
            ]
        ),
    ),
    (
        "Closing ceremony",
        ["closing-ceremony"],
        False,
        "\n\n".join(
            [
                (
                    "An outcome document, summarizing the observations and recommendations of the "
                    "presentations and discussions held during the Workshop was considered and adopted. The "
                    "document, entitled the “Hainan Initiative” is annexed to this report."
                ),
                (
                    "A representative of the Wenchang International Aerospace City stated that Hainan was "
                    "honoured to host the Workshop and congratulated the participants on the fruitful "
                    "discussions on space exploration and innovation during the four days of the Workshop. "
                    "The representative emphasized that Hainan was eager to build an international space "
                    "communication platform to host more events in the future."
                ),
                (
                    "CNSA stated that space exploration and innovation were not only for space powers, and "
                    "that global partnership was key to building capacity in space activities. The "
                    "representative encouraged space agencies, academia and the private sector to build a "
                    "strong partnership based on peaceful exploration and utilization of outer space. They "
                    "emphasized that China was always open to international cooperation and welcomed further "
                    "discussion on joint consultations for the space exploration and innovation programme."
                ),
                (
                    "The Office for Outer Space Affairs suggested that Member States should continue the "
                    "exchange and promote more stable and stronger global partnerships to meet the purpose "
                    "of the workshop and the vision of the Office with regard to space exploration and "
                    "innovation. The Officer said that the peaceful, safe and sustainable use of outer space "
                    "would benefit the current and future generations, and stated, in conclusion, that no "
                    "one should be left behind. The Office was willing to serve as the platform for further "
                    "discussion on space exploration and global partnership."
                ),
            ]
        ),
    ),
]
