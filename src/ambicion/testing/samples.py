"""Sample commitments for the bundled example, the tests and the benchmarks.

They are invented, written in the register of a Peruvian national action plan, and of mixed
quality on purpose: plain e-government, restated legal duties, modest one-off releases and a
few that change the rules. Any resemblance to a real commitment is in the style only.
"""

from __future__ import annotations

from .plans import PlanMeta, SampleCommitment

META_ES = PlanMeta(
    title="V Plan de Acción de Gobierno Abierto del Perú 2023-2025",
    country="Perú",
    period="2023-2025",
    language="es",
    intro=(
        "El presente Plan de Acción fue elaborado mediante un proceso de cocreación entre "
        "entidades públicas y organizaciones de la sociedad civil, coordinado por la Secretaría "
        "de Gobierno y Transformación Digital de la Presidencia del Consejo de Ministros, en el "
        "marco de la Alianza para el Gobierno Abierto.",
        "Los compromisos responden a las prioridades identificadas en las mesas de diálogo "
        "descentralizadas: lucha contra la corrupción, acceso a la información pública, "
        "participación ciudadana e integridad en la gestión ambiental.",
    ),
)

COMMITMENTS_ES: tuple[SampleCommitment, ...] = (
    SampleCommitment(
        number=1,
        title="Aplicativo móvil para trámites municipales en línea",
        institution="Municipalidad Metropolitana de Lima",
        dates="Enero 2024 – diciembre 2025",
        problem="Los vecinos deben acudir en persona a las oficinas municipales para iniciar "
                "trámites como licencias de funcionamiento y certificados de parámetros, lo que "
                "genera largas colas y costos de traslado.",
        what="Desarrollar un aplicativo móvil que permita iniciar y pagar en línea los trámites "
             "municipales más frecuentes, con firma digital y notificaciones electrónicas.",
        how="La digitalización de los procedimientos reducirá los tiempos de atención y la "
            "necesidad de acudir a las oficinas de atención al ciudadano.",
        values_claim="Tecnología e innovación: el aplicativo moderniza la gestión municipal.",
        milestones=(
            ("Diseño funcional del aplicativo aprobado", "Enero 2024", "Junio 2024"),
            ("Integración con la pasarela de pagos y la plataforma de firma digital",
             "Julio 2024", "Diciembre 2024"),
            ("Lanzamiento del aplicativo con diez trámites disponibles", "Enero 2025", "Diciembre 2025"),
        ),
        other_actors="Secretaría de Gobierno y Transformación Digital",
    ),
    SampleCommitment(
        number=2,
        title="Actualización permanente del Portal de Transparencia Estándar",
        institution="Ministerio de Salud",
        dates="Enero 2024 – diciembre 2025",
        problem="La información publicada en el Portal de Transparencia Estándar del sector no "
                "siempre se encuentra actualizada dentro de los plazos establecidos.",
        what="Continuar actualizando el Portal de Transparencia Estándar conforme a lo dispuesto "
             "en la Ley N° 27806, Ley de Transparencia y Acceso a la Información Pública, y su "
             "reglamento, en el marco de las funciones de la Oficina de Transparencia.",
        how="Mantener la información actualizada fortalecerá la transparencia institucional.",
        values_claim="Acceso a la información pública.",
        milestones=(
            ("Informes trimestrales de actualización del portal", "Enero 2024", "Diciembre 2025"),
            ("Reuniones de coordinación con las unidades orgánicas", "Enero 2024", "Diciembre 2025"),
        ),
        other_actors="Autoridad Nacional de Transparencia y Acceso a la Información Pública",
    ),
    SampleCommitment(
        number=3,
        title="Datos abiertos de las contrataciones públicas",
        institution="Organismo Supervisor de las Contrataciones del Estado (OSCE)",
        dates="Marzo 2024 – diciembre 2025",
        problem="La información sobre contrataciones públicas se publica en formatos que no "
                "permiten su reutilización, lo que dificulta la vigilancia ciudadana del gasto.",
        what="Publicar en la Plataforma Nacional de Datos Abiertos los conjuntos de datos de "
             "convocatorias, contratos y adendas en formato abierto y con el estándar de "
             "datos para las contrataciones abiertas, actualizados mensualmente.",
        how="La ciudadanía, el periodismo y la academia podrán analizar las contrataciones y "
            "detectar posibles irregularidades.",
        values_claim="Acceso a la información y tecnología e innovación.",
        milestones=(
            ("Inventario de conjuntos de datos priorizados con la sociedad civil",
             "Marzo 2024", "Junio 2024"),
            ("Publicación de los conjuntos de datos en formato abierto", "Julio 2024", "Diciembre 2024"),
            ("Guía de uso de los datos y taller con periodistas", "Enero 2025", "Junio 2025"),
        ),
        other_actors="Proética; Consejo de la Prensa Peruana",
    ),
    SampleCommitment(
        number=4,
        title="Reglamento de participación ciudadana en la elaboración de normas ambientales",
        institution="Ministerio del Ambiente",
        dates="Enero 2024 – diciembre 2025",
        problem="Los proyectos de normas ambientales se prepublican sin que exista la obligación "
                "de responder a los aportes ciudadanos, por lo que las personas y comunidades "
                "afectadas no saben si sus comentarios fueron considerados ni por qué fueron "
                "descartados. Las consultas se realizan con plazos breves y en canales poco "
                "accesibles para las comunidades rurales y los pueblos indígenas.",
        what="Aprobar mediante decreto supremo un reglamento vinculante de participación "
             "ciudadana que obligue a las entidades del sector ambiental a publicar una matriz "
             "de respuesta a cada aporte recibido durante la prepublicación de normas, con plazos "
             "mínimos de consulta, audiencias públicas descentralizadas y sanciones para los "
             "funcionarios que incumplan el procedimiento.\f"
             "El reglamento incluirá un registro público de aportes, el deber de motivar por "
             "escrito la aceptación o el rechazo de cada propuesta y un mecanismo de reclamo ante "
             "la Oficina de Integridad cuando la entidad no responda en el plazo previsto.",
        how="Las personas verán cómo sus aportes influyen en las decisiones y podrán exigir una "
            "respuesta motivada; la obligación se institucionaliza en todo el sector.",
        values_claim="Participación ciudadana y rendición de cuentas pública.",
        milestones=(
            ("Propuesta de reglamento elaborada con organizaciones indígenas y ambientales",
             "Enero 2024", "Junio 2024"),
            ("Prepublicación del proyecto y audiencias públicas en cinco regiones",
             "Julio 2024", "Octubre 2024"),
            ("Aprobación del decreto supremo", "Noviembre 2024", "Marzo 2025"),
            ("Primer informe público de cumplimiento de la matriz de respuestas",
             "Abril 2025", "Diciembre 2025"),
        ),
        other_actors="Derecho, Ambiente y Recursos Naturales (DAR); organizaciones indígenas "
                     "nacionales",
    ),
    SampleCommitment(
        number=5,
        title="Fortalecimiento de capacidades en integridad pública",
        institution="Secretaría de Integridad Pública de la Presidencia del Consejo de Ministros",
        dates="Febrero 2024 – noviembre 2025",
        problem="Los servidores públicos desconocen las normas de integridad y los conflictos de "
                "interés que deben declarar.",
        what="Realizar talleres de capacitación en ética e integridad pública dirigidos a "
             "servidores de las oficinas de integridad institucional.",
        how="Servidores mejor capacitados aplicarán las normas de integridad en su trabajo.",
        values_claim="Rendición de cuentas.",
        milestones=(
            ("Diseño del programa de capacitación", "Febrero 2024", "Abril 2024"),
            ("Doce talleres macrorregionales", "Mayo 2024", "Noviembre 2025"),
        ),
    ),
    SampleCommitment(
        number=6,
        title="Interoperabilidad de los sistemas de gestión documental",
        institution="Secretaría de Gobierno y Transformación Digital",
        dates="Enero 2024 – diciembre 2025",
        problem="Las entidades intercambian documentos en papel, lo que retrasa los "
                "procedimientos administrativos.",
        what="Implementar la interoperabilidad de los sistemas de gestión documental de veinte "
             "entidades del Poder Ejecutivo mediante la Plataforma de Interoperabilidad del Estado "
             "y la firma digital.",
        how="El intercambio electrónico de documentos hará más eficiente la gestión pública.",
        values_claim="Tecnología e innovación.",
        milestones=(
            ("Diagnóstico de los sistemas de trámite documentario", "Enero 2024", "Mayo 2024"),
            ("Conexión de veinte entidades a la plataforma", "Junio 2024", "Diciembre 2025"),
        ),
    ),
    SampleCommitment(
        number=7,
        title="Registro público de beneficiarios finales de personas jurídicas",
        institution="Ministerio de Economía y Finanzas; Superintendencia Nacional de Aduanas y de "
                    "Administración Tributaria (SUNAT)",
        dates="Enero 2024 – diciembre 2025",
        problem="La información sobre quiénes son los beneficiarios finales de las empresas que "
                "contratan con el Estado es reservada, lo que facilita el uso de empresas "
                "fachada en casos de corrupción.",
        what="Modificar el marco normativo para que la información de beneficiarios finales de "
             "las empresas proveedoras del Estado sea de acceso público y gratuito, y publicarla "
             "en datos abiertos vinculados al registro de proveedores.",
        how="Periodistas, sociedad civil y entidades de control podrán identificar conflictos de "
            "interés y redes de empresas vinculadas.",
        values_claim="Acceso a la información y rendición de cuentas pública.",
        milestones=(
            ("Propuesta normativa consultada públicamente", "Enero 2024", "Agosto 2024"),
            ("Aprobación de la norma", "Septiembre 2024", "Marzo 2025"),
            ("Publicación del registro en datos abiertos", "Abril 2025", "Diciembre 2025"),
        ),
        other_actors="Transparency International capítulo Perú; Contraloría General de la República",
    ),
    SampleCommitment(
        number=8,
        title="Presupuesto participativo juvenil con vigilancia ciudadana",
        institution="Gobierno Regional de Cusco",
        dates="Marzo 2024 – diciembre 2025",
        problem="Las y los jóvenes no participan en las decisiones sobre la inversión regional "
                "y no existen mecanismos para vigilar la ejecución de los proyectos priorizados.",
        what="Institucionalizar mediante ordenanza regional un presupuesto participativo juvenil "
             "con comités de vigilancia que reciban informes trimestrales de ejecución y cuyas "
             "observaciones deban ser respondidas por la gerencia de planeamiento.",
        how="Los jóvenes decidirán una parte de la inversión y podrán exigir cuentas sobre su "
            "ejecución.",
        values_claim="Participación ciudadana y rendición de cuentas.",
        milestones=(
            ("Aprobación de la ordenanza regional", "Marzo 2024", "Julio 2024"),
            ("Primer ciclo de presupuesto participativo juvenil", "Agosto 2024", "Diciembre 2024"),
            ("Informes trimestrales a los comités de vigilancia", "Enero 2025", "Diciembre 2025"),
        ),
        other_actors="Mesa de Concertación para la Lucha contra la Pobreza; colectivos juveniles",
    ),
    SampleCommitment(
        number=9,
        title="Sistema de denuncias por corrupción con respuesta obligatoria",
        institution="Poder Judicial",
        dates="Enero 2024 – diciembre 2025",
        problem="Las denuncias ciudadanas sobre actos de corrupción en el sistema de justicia no "
                "reciben respuesta ni seguimiento público.",
        what="Crear un canal de denuncias con plazos obligatorios de respuesta, protección de "
             "denunciantes y un reporte público semestral de las denuncias recibidas, su estado "
             "y las sanciones impuestas.",
        how="Las personas podrán seguir el estado de sus denuncias y conocer sus resultados.",
        values_claim="Rendición de cuentas pública.",
        milestones=(
            ("Directiva que regula el canal y los plazos de respuesta", "Enero 2024", "Junio 2024"),
            ("Puesta en funcionamiento del canal de denuncias", "Julio 2024", "Diciembre 2024"),
            ("Primer reporte público semestral", "Enero 2025", "Junio 2025"),
            ("Segundo reporte público semestral", "Julio 2025", "Diciembre 2025"),
        ),
        other_actors="Oficina de Control de la Magistratura; Defensoría del Pueblo",
    ),
)

# Many milestones, so that the milestones table must run onto a second page.
MANY_MILESTONES_ES = SampleCommitment(
    number=5,
    title="Monitoreo ciudadano de obras públicas regionales",
    institution="Contraloría General de la República",
    dates="Enero 2024 – diciembre 2025",
    problem="Las obras públicas regionales se paralizan sin que la ciudadanía conozca las causas.",
    what="Publicar el avance físico y financiero de cada obra y habilitar monitores ciudadanos "
         "cuyas alertas deban ser respondidas por la entidad ejecutora en quince días hábiles.",
    milestones=tuple(
        (f"Capacitación y acreditación de monitores ciudadanos en la región {region}",
         f"{month} 2024", f"{month} 2025")
        for region, month in zip(
            ("Amazonas", "Áncash", "Apurímac", "Arequipa", "Ayacucho", "Cajamarca", "Cusco",
             "Huancavelica", "Huánuco", "Ica", "Junín", "La Libertad", "Lambayeque", "Loreto",
             "Madre de Dios", "Moquegua", "Pasco", "Piura", "Puno", "San Martín", "Tacna",
             "Tumbes", "Ucayali", "Lima"),
            ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre") * 2,
        )
    ),
    other_actors="Red de Monitores Ciudadanos",
)


META_EN = PlanMeta(
    title="Open Government National Action Plan 2022-2024",
    country="Philippines",
    period="2022-2024",
    language="en",
    intro=("This plan was co-created by government agencies and civil society organisations "
           "through the multi-stakeholder forum of the Open Government Partnership.",),
)

COMMITMENTS_EN: tuple[SampleCommitment, ...] = (
    SampleCommitment(
        number=1,
        title="Open contracting data for public works",
        institution="Department of Public Works and Highways",
        dates="January 2023 – December 2024",
        problem="Information on public works contracts is scattered and published in formats "
                "that cannot be reused, which limits citizen monitoring of infrastructure.",
        what="Publish contract data for all public works in open formats following the Open "
             "Contracting Data Standard, updated every month.",
        how="Citizens and journalists will be able to follow each contract from tender to "
            "completion.",
        values_claim="Access to information.",
        milestones=(
            ("Data standard adopted by department order", "January 2023", "June 2023"),
            ("First monthly release of contract data", "July 2023", "December 2023"),
        ),
        other_actors="Bantay Kita; Right to Know, Right Now! Coalition",
    ),
    SampleCommitment(
        number=2,
        title="Citizen feedback on the national budget",
        institution="Department of Budget and Management",
        dates="March 2023 – December 2024",
        problem="Citizens have no channel to comment on the budget proposal before it is "
                "submitted to Congress.",
        what="Open a public consultation on the budget priorities every year, publish all "
             "comments received and a written response explaining how each was considered.\f"
             "The response report will be tabled together with the budget proposal.",
        how="The public will influence budget priorities and see the reasons for the final "
            "decisions.",
        values_claim="Civic participation and public accountability.",
        milestones=(
            ("Consultation guidelines issued", "March 2023", "June 2023"),
            ("First consultation and response report", "July 2023", "December 2023"),
            ("Second consultation and response report", "July 2024", "December 2024"),
        ),
        other_actors="Social Watch Philippines",
    ),
    SampleCommitment(
        number=3,
        title="Online permit system for small businesses",
        institution="Department of Trade and Industry",
        dates="January 2023 – December 2024",
        problem="Small businesses spend days obtaining permits in person.",
        what="Develop an online system to apply for and pay business permits.",
        how="Procedures will be faster and cheaper.",
        values_claim="Technology and innovation.",
        milestones=(
            ("System launched in ten cities", "January 2023", "December 2024"),
        ),
    ),
)
