"""Pydantic models for the YAML files in data/.

The same models validate the data when it is loaded and generate the JSON Schemas that
editors use (data/schema/), so the two can never disagree.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# What each pattern means in words, for the error message (macros/data.py). Declared together.
PATTERN_HELP: dict[str, str] = {}


def pattern(regex: str, help: str):
    PATTERN_HELP[regex] = help
    return Annotated[str, StringConstraints(pattern=regex)]


Slug = pattern(r"^[a-z0-9]+(-[a-z0-9]+)*$", "use only lower-case letters, digits and hyphens (like hello-multistage)")
UrlPath = pattern(r"^/", "must start with / (a URL path such as /healthz)")


class Strict(BaseModel):
    # extra="forbid" turns a typo such as `sumary:` into an error instead of a silently missing field.
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- data/instructions.yml ---------------------------------------------------------------


class Syntax(Strict):
    form: Text | None = Field(None, description="형식의 이름(예: exec 형식). 형식이 하나면 생략한다.")
    code: Text = Field(description="공식 레퍼런스의 문법 한 줄")


class Flag(Strict):
    name: pattern(r"^--[a-z][a-z-]*$", "must be a flag such as --from") = Field(description="옵션 이름(예: --from)")
    summary: Text = Field(description="옵션이 하는 일 한 문장")


class Deprecation(Strict):
    replacement: Text = Field(description="대신 쓸 명령어")
    note: Text | None = Field(None, description="대신 쓰는 방법에 대한 짧은 설명")


class Instruction(Strict):
    name: pattern(r"^[A-Z]+$", "must be the instruction name in capitals (like COPY)") = Field(
        description="명령어 이름(대문자). 공식 BuildKit 파서가 아는 이름이어야 한다."
    )
    category: Text = Field(description="표의 분류 열(예: 파일시스템, 실행)")
    summary: Text = Field(description="한 문장 한국어 요약(표에 보인다)")
    in_book: bool = Field(description="책(과 원래 노트)의 명령어 표에 있던 명령어인가")
    syntax: list[Syntax] = Field(min_length=1, description="문법 한 줄씩(형식이 여럿이면 여러 개)")
    flags: list[Flag] = Field([], description="학습자가 자주 만나는 옵션")
    notes: Text | None = Field(None, description="레퍼런스 절에 덧붙일 주의점")
    deprecated: Deprecation | None = Field(None, description="폐기 예정이면 대신 쓸 명령어")
    reference_anchor: pattern(r"^[a-z0-9-]+$", "lower-case letters, digits and hyphens (an id in the official reference)") | None = Field(
        None, description="공식 레퍼런스에서 이 명령어 절의 id가 소문자 이름과 다를 때만 적는다"
    )


class InstructionsFile(Strict):
    reference_base: HttpUrl = Field(description="공식 Dockerfile 레퍼런스 주소. 명령어별 링크는 여기에 #이름을 붙인다.")
    instructions: list[Instruction] = Field(min_length=1, description="Dockerfile 명령어 전체")

    @model_validator(mode="after")
    def _unique_names(self) -> InstructionsFile:
        _reject_duplicates([i.name for i in self.instructions], "instructions", "name")
        return self


# --- data/principles.yml -----------------------------------------------------------------


class Check(Strict):
    id: Slug = Field(description="notekit/dockerfiles.py에 같은 이름으로 구현된 검사 id")
    rule: Text = Field(description="린트가 확인하는 규칙(페이지에 보인다)")
    misses: Text = Field(description="이 린트가 잡지 못하는 것(페이지에 보인다). 린트는 원칙을 강제하지 못한다")


class Principle(Strict):
    id: Slug = Field(description="원칙의 id(소문자와 하이픈)")
    title: Text = Field(description="원칙의 이름(표에 보인다)")
    from_book: bool = Field(description="책에 있던 원칙인가(false면 이 사이트가 보탠 원칙)")
    summary: Text = Field(description="원칙을 설명하는 한두 문장")
    checks: list[Check] = Field(min_length=1, description="이 원칙의 일부를 examples/의 모든 Dockerfile에서 확인하는 린트")


class PrinciplesFile(Strict):
    principles: list[Principle] = Field(min_length=1, description="컨테이너 설계 원칙")

    @model_validator(mode="after")
    def _unique_ids(self) -> PrinciplesFile:
        _reject_duplicates([p.id for p in self.principles], "principles", "id")
        _reject_duplicates([c.id for p in self.principles for c in p.checks], "principles", "checks", "id")
        return self


# --- data/examples.yml -------------------------------------------------------------------
# Only what no file owns: the Dockerfile owns USER and EXPOSE, the folder owns the files.

IMAGE_TAG = "0.1"  # every example image is <id>:0.1


class Http(Strict):
    port: int = Field(ge=1024, le=65535, description="docker container run -p로 공개할 호스트 포트(예제마다 달라야 한다)")
    path: UrlPath = Field("/", description="curl로 요청할 경로")
    status: int = Field(200, ge=100, le=599, description="기대하는 HTTP 상태 코드")
    body: str = Field(description="기대하는 응답 본문(정확히 일치)")


class Example(Strict):
    id: Slug = Field(description="예제 id. 이미지 이름(<id>:0.1)과 컨테이너 이름으로도 쓴다")
    title: Text = Field(description="예제의 이름(페이지에 보인다)")
    teaches: Text = Field(description="이 예제가 가르치는 것(페이지에 보인다)")
    dockerfile: pattern(r"^examples/[^/]+/[^/]+$", "must be examples/<folder>/<Dockerfile>, relative to the repository root") = Field(
        None, description="Dockerfile 경로(저장소 루트 기준). 그 폴더가 빌드 컨텍스트다. 적지 않으면 examples/<id>/Dockerfile"
    )
    http: Http | None = Field(None, description="서버 예제: 공개할 포트와 curl로 확인할 응답")
    output: str | None = Field(None, description="서버가 아닌 예제: 컨테이너가 표준 출력에 남기는 글(정확히 일치)")
    exempt: dict[Slug, Text] = Field(default={}, description="적용하지 않는 검사 id와 그 이유")

    @model_validator(mode="before")
    @classmethod
    def _default_dockerfile(cls, data: Any) -> Any:
        """An example in its own folder needs no `dockerfile:`: examples/<id>/Dockerfile."""
        if isinstance(data, dict) and data.get("dockerfile") is None and isinstance(data.get("id"), str):
            return {**data, "dockerfile": f"examples/{data['id']}/Dockerfile"}
        return data

    @model_validator(mode="after")
    def _one_probe(self) -> Example:
        if (self.http is None) == (self.output is None):
            raise ValueError("give exactly one of http: (a server, probed with curl) or output: (a program's output)")
        return self

    @property
    def context(self) -> str:
        """The build context: the Dockerfile's folder."""
        return self.dockerfile.rsplit("/", 1)[0]

    @property
    def image(self) -> str:
        return f"{self.id}:{IMAGE_TAG}"


class ExamplesFile(Strict):
    examples: list[Example] = Field(min_length=1, description="빌드하고 실행해 확인하는 예제")

    @model_validator(mode="after")
    def _unique(self) -> ExamplesFile:
        _reject_duplicates([e.id for e in self.examples], "examples", "id")
        _reject_duplicates([e.dockerfile for e in self.examples], "examples", "dockerfile")
        _reject_duplicates([e.http.port if e.http else None for e in self.examples], "examples", "http", "port")
        return self


# --- data/registry.yml ---------------------------------------------------------------------
# The practice registry of docs/docker/registry.md. That `example` exists and `port` is not an example's
# port is checked with the other references between files (macros/data.py).


class RegistryFile(Strict):
    port: int = Field(
        ge=1024, le=65535, description="연습용 레지스트리가 127.0.0.1에서 수신 대기할 포트(예제의 포트와 달라야 한다)"
    )
    example: Slug = Field(description="레지스트리에 올리는 예제의 id(이미지 <id>:0.1을 올린다)")
    rebuild_label: pattern(r"^[a-z0-9][a-z0-9.-]*=[^\s=]+$", "must be KEY=VALUE, like org.example.rebuild=2") = Field(
        description="같은 태그로 다시 빌드할 때 붙이는 라벨(KEY=VALUE). 이미지 설정이 달라져 다이제스트가 바뀐다"
    )

    @property
    def host(self) -> str:
        """The registry's address as it appears in an image name (loopback only: Docker allows plain HTTP there)."""
        return f"127.0.0.1:{self.port}"

    @property
    def repository(self) -> str:
        return f"{self.host}/{self.example}"

    @property
    def image(self) -> str:
        return f"{self.repository}:{IMAGE_TAG}"


# --- data/sessions.yml --------------------------------------------------------------------
# What a reader types, in order. That every session's example and step exists, and that every $name in a
# command can be filled, is checked with the other references between files (macros/data.py).

StepName = pattern(r"^[a-z0-9]+(-[a-z0-9]+)*$", "use only lower-case letters, digits and hyphens (like exit-code)")


class SessionStep(Strict):
    note: Text = Field(description="명령 위에 주석으로 붙는 한국어 설명")
    run: Text = Field(description="명령 한 줄. $이름은 예제·레지스트리 데이터나 먼저 실행한 단계의 capture로 채운다")
    expect: str | None = Field(None, description="표준 출력이 이것과 정확히 같아야 한다($이름을 쓸 수 있다)")
    output: bool = Field(False, description="페이지가 명령 아래에 출력을 보이는가")
    retry: int | None = Field(None, ge=1, le=300, description="성공할 때까지 다시 시도하는 최대 초(서버가 뜨기를 기다릴 때)")
    capture: dict[pattern(r"^[a-z_]+$", "lower-case letters and underscores (like digest)"), Text] = Field(
        {}, description="출력에서 값을 읽어 둘 이름과 정규식(첫 괄호 묶음). 뒤 단계의 $이름이 된다"
    )


class Session(Strict):
    id: Slug = Field(description="세션 id. 페이지가 commands('id', '단계 …')로 부른다")
    example: Slug = Field(description="세션이 다루는 예제(data/examples.yml의 id)")
    title: Text = Field(description="페이지의 명령 블록 제목")
    steps: list[StepName] | None = Field(None, description="단계 순서. 없으면 defaults에서 예제 종류에 맞는 것")
    expect: dict[StepName, str] = Field({}, description="이 세션에서만 다른 기대 출력(단계 이름: 출력)")


class SessionsFile(Strict):
    output_title: Text = Field(description="출력 블록의 제목")
    steps: dict[StepName, SessionStep] = Field(min_length=1, description="단계 목록(이름: 단계)")
    defaults: dict[Literal["server", "program"], list[StepName]] = Field(description="예제 종류별 기본 단계 순서")
    sessions: list[Session] = Field(min_length=1, description="명령 세션")

    @model_validator(mode="after")
    def _unique_ids(self) -> SessionsFile:
        _reject_duplicates([s.id for s in self.sessions], "sessions", "id")
        return self


# --- data/outputs.yml (written by `make outputs`, never by hand) ----------------------------


class OutputsFile(Strict):
    recorded_on: date = Field(description="기록한 날짜")
    engine: Text = Field(description="기록한 엔진과 버전")
    sessions: dict[Slug, dict[StepName, str]] = Field(
        {}, description="세션 id: {단계: 출력}. ID, 다이제스트, 시각은 자리표시자로 바꿔 적는다"
    )


# --- data/measurements.yml (written by `make sizes`, never by hand) ------------------------


class MeasuredBaseImage(Strict):
    name: Text = Field(description="FROM 뒤에 적힌 이미지 이름")
    stand_in: bool = Field(description="레지스트리 대신 로컬에서 만든 대체 이미지인가")
    recipe: Text | None = Field(None, description="대체 이미지 레시피의 해시(notekit/base_images.py)")
    size_bytes: int = Field(gt=0, description="기반 이미지 크기(바이트, 압축 전)")


Spread = Annotated[list[Annotated[float, Field(gt=0)]], Field(min_length=2, max_length=2)]


class MeasuredImage(Strict):
    example: Slug = Field(description="data/examples.yml의 예제 id")
    image: Text = Field(description="빌드한 이미지 이름:태그")
    inputs: Text | None = Field(
        None, description="잰 것의 해시(예제 폴더, Dockerfile, 엔진, 기반 이미지). 같으면 `make sizes`가 다시 재지 않는다"
    )
    runs: int | None = Field(None, ge=1, description="시간마다 잰 횟수. 시간은 그 중앙값이다")
    size_bytes: int = Field(gt=0, description="이미지 크기(바이트, 압축 전 레이어 합계)")
    build_cold_s: float | None = Field(None, gt=0, description="--no-cache에 Go 빌드 캐시도 비운 빌드 시간(초, 중앙값)")
    build_cold_range_s: Spread | None = Field(None, description="처음 빌드 시간의 최솟값과 최댓값(초)")
    build_after_edit_s: float | None = Field(
        None, gt=0, description="main.go 한 줄을 고친 뒤 캐시를 쓰는 재빌드 시간(초, 중앙값)"
    )
    build_after_edit_range_s: Spread | None = Field(None, description="재빌드 시간의 최솟값과 최댓값(초)")
    stop_s: float | None = Field(None, gt=0, description="docker container stop이 돌아오기까지 걸린 시간(초, 중앙값)")
    stop_range_s: Spread | None = Field(None, description="정지 시간의 최솟값과 최댓값(초)")
    stop_exit_code: int | None = Field(
        None, ge=0, le=255, description="docker container stop 뒤 컨테이너의 종료 코드(0: 앱이 스스로 끝남, 137: SIGKILL)"
    )


class EarlierImage(Strict):
    example: Slug = Field(description="data/examples.yml의 예제 id")
    revision: Text = Field(description="그때의 Dockerfile이 있던 git 커밋")
    engine: Text = Field(description="잰 엔진과 버전")
    size_bytes: int = Field(gt=0, description="그 Dockerfile로 빌드한 이미지 크기(바이트)")
    why: Text = Field(description="지금의 Dockerfile과 무엇이 다른가")


class MeasuredBinary(Strict):
    example: Slug = Field(description="바이너리를 꺼낸 예제(최종 스테이지가 scratch인 예제)")
    path: UrlPath = Field(description="이미지 안에서 바이너리의 경로")
    size_bytes: int = Field(gt=0, description="바이너리 파일 크기(바이트)")
    static: bool = Field(description="동적 링커 없이 실행되는 정적 바이너리인가")
    stripped: bool = Field(description="심볼 테이블을 뺐는가")


class MeasurementsFile(Strict):
    measured_on: date = Field(description="측정한 날짜")
    engine: Text = Field(description="컨테이너 엔진(docker)")
    engine_version: Text = Field(description="엔진 버전")
    storage_driver: Text | None = Field(None, description="엔진의 저장소 드라이버(예: overlay2, vfs)")
    base_images: list[MeasuredBaseImage] = Field(min_length=1, description="예제가 FROM으로 쓴 기반 이미지")
    images: list[MeasuredImage] = Field(min_length=1, description="예제마다 빌드한 이미지의 크기")
    go_binary: MeasuredBinary = Field(description="멀티 스테이지 이미지가 담은 Go 바이너리(크기의 하한)")
    earlier: list[EarlierImage] = Field([], description="예전 Dockerfile로 잰 크기(`make sizes`가 그대로 옮겨 적는다)")

    @model_validator(mode="after")
    def _unique(self) -> MeasurementsFile:
        _reject_duplicates([i.example for i in self.images], "images", "example")
        return self


# --- data/glossary.yml ---------------------------------------------------------------------

OneLine = pattern(r"^[^\n]+$", "must be one line")


class Term(Strict):
    term: OneLine = Field(description="노트에서 쓰는 한국어 표기(또는 그대로 쓰는 영어 이름)")
    english: OneLine = Field(description="영어 용어")
    definition: OneLine = Field(description="한 줄 정의(해라체)")
    synonyms: list[OneLine] = Field([], description="독자가 검색창에 칠 수 있는 다른 표기")
    avoid: list[OneLine] = Field([], description="노트와 데이터 파일에서 쓰지 않는 표기")
    tooltip: bool = Field(True, description="본문에서 처음 나올 때 정의를 툴팁으로 보일지(누구나 아는 말은 false)")


class GlossaryFile(Strict):
    terms: list[Term] = Field(min_length=1, description="용어 목록")

    @model_validator(mode="after")
    def _consistent(self) -> GlossaryFile:
        _reject_duplicates([t.term for t in self.terms], "terms", "term")
        for index, entry in enumerate(self.terms):
            for variant in entry.avoid:
                if any(variant in t.term for t in self.terms):
                    # An avoided variant inside a preferred term would flag every correct use.
                    raise ValueError(f"terms[{index}].avoid: '{variant}' is (part of) a preferred term")
        return self


# --- data/base_images.yml ------------------------------------------------------------------
# What each candidate for the final stage holds, with its sources. A size is either measured here
# (an example in data/measurements.yml whose final stage starts FROM this image) or quoted.


class Link(Strict):
    title: Text = Field(description="링크에 보일 이름(예: distroless README)")
    url: HttpUrl = Field(description="공식 문서나 레지스트리 페이지의 주소")


class NonRootUser(Strict):
    name: pattern(r"^[a-z_][a-z0-9_-]*$", "must be a user name as in /etc/passwd (like nonroot)") = Field(
        description="/etc/passwd에 있는 사용자 이름"
    )
    uid: int = Field(ge=1, description="그 사용자의 UID(0은 root라서 안 된다)")


class QuotedSize(Strict):
    compressed_bytes: int | None = Field(None, gt=0, description="레지스트리에서 받는 압축된 크기(바이트, linux/amd64)")
    uncompressed_mb: float | None = Field(None, gt=0, description="풀어 놓은 디스크 크기(MB, 출처가 적은 그대로)")
    stated: Text | None = Field(None, description="출처가 압축 여부를 밝히지 않고 말로만 적은 크기(원문 그대로, 예: around 2 MiB)")
    sources: list[Link] = Field(min_length=1, description="크기를 옮겨 온 곳")

    @model_validator(mode="after")
    def _some_figure(self) -> QuotedSize:
        if self.compressed_bytes is None and self.uncompressed_mb is None and self.stated is None:
            raise ValueError("give at least one of compressed_bytes, uncompressed_mb or stated")
        return self


class BaseImage(Strict):
    id: Slug = Field(description="기반 이미지의 id(소문자와 하이픈)")
    title: Text = Field(description="표에 보일 이름(예: distroless static)")
    image: Text = Field(description="FROM에 적는 이미지 이름. 태그가 여럿인 이미지(distroless)는 태그 없이 적는다")
    shell: Text | None = Field(description="들어 있는 셸. 없으면 null")
    debug: Text | None = Field(None, description="셸이 없는 이미지에서 디버깅할 때 쓰는 변형(예: :debug 태그)")
    package_manager: Text | None = Field(description="들어 있는 패키지 관리자. 없으면 null")
    ca_certificates: bool = Field(description="CA 인증서 묶음(/etc/ssl/certs)이 들어 있는가")
    tzdata: bool = Field(description="시간대 데이터(/usr/share/zoneinfo)가 들어 있는가")
    libc: Literal["none", "glibc", "musl"] = Field(description="C 라이브러리: none, glibc, musl 중 하나")
    user: NonRootUser | None = Field(description="이미지가 준비해 둔 root가 아닌 사용자. 없으면 null")
    user_note: Text | None = Field(None, description="사용자 칸에 덧붙일 말(기본 사용자가 누구인지 등)")
    measured_by: Slug | None = Field(
        None, description="크기를 여기서 잰 경우: 최종 스테이지가 이 이미지인 예제 id(data/measurements.yml에 있어야 한다)"
    )
    quoted_size: QuotedSize | None = Field(None, description="여기서 잴 수 없는 이미지: 출처에 적힌 크기")
    sources: list[Link] = Field(min_length=1, description="내용(셸, 패키지, 사용자)의 근거가 되는 공식 문서나 레지스트리 페이지")

    @model_validator(mode="after")
    def _one_size(self) -> BaseImage:
        if self.measured_by is not None and self.quoted_size is not None:
            raise ValueError("give measured_by (measured here) or quoted_size (quoted from a source), not both")
        return self


class BaseImagesFile(Strict):
    checked_on: date = Field(description="출처를 마지막으로 확인한 날짜")
    images: list[BaseImage] = Field(min_length=1, description="최종 스테이지로 고를 수 있는 기반 이미지")

    @model_validator(mode="after")
    def _unique(self) -> BaseImagesFile:
        _reject_duplicates([i.id for i in self.images], "images", "id")
        return self


class DuplicateValue(ValueError):
    """A value that must be unique appears twice; `loc` points at the second one."""

    def __init__(self, loc: tuple, value: object, first_index: int) -> None:
        self.loc = loc
        super().__init__(f"'{value}' is already used by {loc[0]}[{first_index}]; it must be unique")


def _reject_duplicates(values: list, collection: str, *field: str) -> None:
    """`values[i]` belongs to `collection[i]`; None (an absent optional field) is never a duplicate."""
    first: dict = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in first:
            raise DuplicateValue((collection, index, *field), value, first[value])
        first[value] = index


DATA_FILES = {
    "instructions": InstructionsFile,
    "principles": PrinciplesFile,
    "examples": ExamplesFile,
    "measurements": MeasurementsFile,
    "glossary": GlossaryFile,
    "base_images": BaseImagesFile,
    "registry": RegistryFile,
    "sessions": SessionsFile,
    "outputs": OutputsFile,
}
