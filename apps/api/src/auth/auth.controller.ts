import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentPrincipal, JwtTokenService, Principal, Public, UsersService } from '@sanbao/auth';
import { ChangePasswordDto, SignedInDto, SignInDto } from './auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: JwtTokenService,
  ) {}

  @Post('sign-in')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; answers a bearer token' })
  @ApiOkResponse({ type: SignedInDto })
  async signIn(@Body() body: SignInDto): Promise<SignedInDto> {
    const principal = await this.users.signIn(body.username, body.password);
    return { ...(await this.tokens.issue(principal)), principal: { ...principal } };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to, with role and scope' })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password; every earlier token stops working' })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.users.changeOwnPassword(principal.userId, body.currentPassword, body.newPassword);
  }
}
